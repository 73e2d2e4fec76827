import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeadLetterTopics, EventCatalog, NotificationFailed, NotificationSent } from '@diplomacy/contracts';
import { CorrelationContext, DeadLetterHeaders, EVENT_PUBLISHER, UnitOfWork, continueStoredTrace, failSpan } from '@diplomacy/messaging';
import type { EventPublisher, NewEvent } from '@diplomacy/messaging';
import { TenantContext } from '@diplomacy/service-kit';
import { ChannelRegistry, DeliveryFailure } from '../channels/notification-channel';
import type { OutgoingNotification } from '../channels/notification-channel';
import { NOTIFICATIONS_CONFIG } from '../config/notifications.config';
import type { NotificationsEnvironment } from '../config/notifications.config';
import { ProgramDirectoryRepository } from '../program-directory/program-directory.repository';
import { RecipientRepository } from '../recipients/recipient.repository';
import { MessageRenderer } from '../templates/message-renderer';
import { DeliveryMetrics, failureReason } from './delivery-metrics';
import { NotificationRepository } from './notification.repository';
import type { NotificationRow } from './notification.repository';
import { RetryPolicy } from './retry-policy';

/** One message on the wire: a single notification, or a digest of several to one recipient. */
interface Delivery {
  rows: NotificationRow[];
  digestId: string | null;
}

/**
 * Sends what the planner queued. Runs apart from the Kafka consumer, so a rebalance
 * or a consumer restart never touches sending; polls the notifications table with
 * FOR UPDATE SKIP LOCKED (many dispatchers may run) and is woken in-process after a
 * consumer commit. Each row is sent, then recorded with its outcome event through the
 * outbox; failures retry with backoff and jitter, and finally dead-letter. Sending is not
 * done for a caller, so it runs as system work across every organisation (TenantContext).
 */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationDispatcher.name);
  private readonly renderer = new MessageRenderer();
  private readonly retry: RetryPolicy;
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;

  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsEnvironment,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(NotificationRepository) private readonly notifications: NotificationRepository,
    @Inject(RecipientRepository) private readonly recipients: RecipientRepository,
    @Inject(ProgramDirectoryRepository) private readonly directory: ProgramDirectoryRepository,
    @Inject(ChannelRegistry) private readonly channels: ChannelRegistry,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    @Inject(EventCatalog) private readonly catalog: EventCatalog,
    @Inject(DeliveryMetrics) private readonly metrics: DeliveryMetrics,
  ) {
    this.retry = new RetryPolicy(config.DELIVERY_MAX_ATTEMPTS, config.DELIVERY_RETRY_BASE_MS, config.DELIVERY_RETRY_MAX_MS);
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = TenantContext.runAsSystem(() => this.run());
  }

  /** Finishes the sends in flight and stops; what is left stays queued for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    this.loop = null;
  }

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** One round: claim what is due, send it, record the outcomes, dead-letter what failed for good. */
  dispatchOnce(): Promise<number> {
    return TenantContext.runAsSystem(() => this.dispatchRound());
  }

  private async dispatchRound(): Promise<number> {
    const claimed = await this.notifications.claimDue(this.config.DISPATCH_BATCH_SIZE, this.config.DELIVERY_LEASE_MS);
    await Promise.all(this.group(claimed).map((delivery) => this.deliver(delivery)));
    await this.deadLetterFailed();
    return claimed.length;
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.woken = false;
      let claimed = 0;
      try {
        claimed = await this.dispatchRound();
      } catch (error) {
        this.logger.warn(`dispatch round failed: ${(error as Error).message}`);
      }
      if (claimed >= this.config.DISPATCH_BATCH_SIZE || this.woken || !this.running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.config.DISPATCH_POLL_INTERVAL_MS);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }

  private group(rows: NotificationRow[]): Delivery[] {
    const singles: Delivery[] = [];
    const digests = new Map<string, NotificationRow[]>();
    for (const row of rows) {
      if (!row.digest_key) {
        singles.push({ rows: [row], digestId: null });
        continue;
      }
      const key = `${row.recipient_id}|${row.channel}|${row.digest_key}`;
      digests.set(key, [...(digests.get(key) ?? []), row]);
    }
    const merged = [...digests.values()].map((group) => {
      const sorted = group.sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || a.notification_id.localeCompare(b.notification_id));
      // The first notification's id names the digest, so a resend after a crash carries the same Message-ID.
      return { rows: sorted, digestId: sorted.length > 1 ? sorted[0].notification_id : null };
    });
    return [...singles, ...merged];
  }

  private async deliver(delivery: Delivery): Promise<void> {
    const first = delivery.rows[0];
    // Continues the trace of the event handling that queued the row: one trace from the
    // request to the message sent (the other rows of a digest are linked).
    const span = { attributes: { 'notification.id': delivery.digestId ?? first.notification_id, 'notification.channel': first.channel }, links: delivery.rows.map((r) => r.traceparent) };
    await continueStoredTrace(first.traceparent, `deliver ${first.channel}`, span, (active) =>
      CorrelationContext.run({ correlationId: first.correlation_id, causationId: first.source_event_id }, async () => {
        try {
          await this.channels.get(first.channel).send(await this.outgoing(delivery));
        } catch (error) {
          failSpan(active, error);
          await this.recordFailure(delivery, error);
          return;
        }
        await this.recordSent(delivery);
      }),
    );
  }

  private async outgoing(delivery: Delivery): Promise<OutgoingNotification> {
    const first = delivery.rows[0];
    const base = {
      notificationId: delivery.digestId ?? first.notification_id,
      channel: first.channel,
      recipientId: first.recipient_id,
      address: first.address,
      language: first.language,
      payload: first.payload,
      sourceEventType: first.source_event_type,
    };
    if (!delivery.digestId) return { ...base, subject: first.subject, text: first.body, html: first.html, summary: first.summary };
    const recipient = await this.recipients.find(first.recipient_id);
    const program = first.program_id ? await this.directory.find(first.program_id) : null;
    const digest = this.renderer.renderDigest({
      language: first.language,
      recipientName: recipient?.name ?? '',
      programTitle: program?.title ?? null,
      lines: delivery.rows.map((row) => row.summary),
    });
    return { ...base, subject: digest.subject, text: digest.text, html: first.channel === 'email' ? digest.html : null, summary: digest.summary };
  }

  private async recordSent(delivery: Delivery): Promise<void> {
    const sent = await this.unitOfWork.run(async (tx) => {
      const sent = await this.notifications.markSent(tx.manager, delivery.rows.map((r) => r.notification_id), delivery.digestId);
      await tx.publish(
        ...sent.map(
          (row): NewEvent<unknown> => ({
            definition: NotificationSent,
            key: row.program_id ?? row.recipient_id,
            organisationId: row.organisation_id,
            payload: { ...this.outcomeOf(row), sentAt: (row.sent_at ?? new Date()).toISOString(), digestId: delivery.digestId },
          }),
        ),
      );
      return sent;
    });
    // After the commit: rows a concurrent dispatcher already settled are not counted twice.
    this.metrics.recordSent(delivery.rows[0].channel, sent.length);
  }

  private async recordFailure(delivery: Delivery, error: unknown): Promise<void> {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 1000) || 'unknown error';
    const permanent = error instanceof DeliveryFailure && error.permanent;
    const attempts = Math.max(...delivery.rows.map((r) => r.attempts));
    const decision = this.retry.afterFailure(attempts, permanent);
    const ids = delivery.rows.map((r) => r.notification_id);
    if (decision.retry) {
      this.logger.warn(`${first(delivery)} attempt ${attempts} failed, retrying in ${decision.delayMs} ms: ${reason}`);
      const requeued = await this.dataSource.transaction((manager) => this.notifications.scheduleRetry(manager, ids, decision.delayMs, reason));
      this.metrics.recordFailed(delivery.rows[0].channel, failureReason(permanent, true), requeued.length);
      return;
    }
    this.logger.warn(`${first(delivery)} failed for good after ${attempts} attempt(s): ${reason}`);
    const failed = await this.unitOfWork.run(async (tx) => {
      const failed = await this.notifications.markFailed(tx.manager, ids, permanent ? `permanent: ${reason}` : reason);
      await tx.publish(
        ...failed.map(
          (row): NewEvent<unknown> => ({
            definition: NotificationFailed,
            key: row.program_id ?? row.recipient_id,
            organisationId: row.organisation_id,
            payload: { ...this.outcomeOf(row), failedAt: (row.failed_at ?? new Date()).toISOString(), reason },
          }),
        ),
      );
      return failed;
    });
    this.metrics.recordFailed(delivery.rows[0].channel, failureReason(permanent, false), failed.length);
  }

  /** A copy of each notification that failed for good goes to the dead-letter topic, where it can be inspected and replayed. */
  private async deadLetterFailed(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const rows = await this.notifications.lockUndeadLettered(manager, 100);
      if (rows.length === 0) return;
      await this.publisher.publish(
        rows.map((row) => ({
          topic: DeadLetterTopics.notifications,
          key: row.program_id ?? row.recipient_id,
          value: JSON.stringify({ ...this.outcomeOf(row), address: row.address, subject: row.subject, failedAt: row.failed_at, reason: row.last_error }),
          headers: {
            [DeadLetterHeaders.reason]: 'handler-failed',
            [DeadLetterHeaders.error]: `delivery failed after ${row.attempts} attempt(s): ${row.last_error ?? ''}`.slice(0, 2000),
            [DeadLetterHeaders.originalTopic]: this.catalog.list().find((d) => d.type === row.source_event_type)?.topic ?? 'unknown',
            [DeadLetterHeaders.consumerGroup]: 'notifications',
            [DeadLetterHeaders.attempts]: String(row.attempts),
            [DeadLetterHeaders.failedAt]: (row.failed_at ?? new Date()).toISOString(),
            'notification-id': row.notification_id,
            'event-id': row.source_event_id,
            'correlation-id': row.correlation_id,
            'content-type': 'application/json',
          },
        })),
      );
      await this.notifications.markDeadLettered(manager, rows.map((r) => r.notification_id), DeadLetterTopics.notifications);
    });
  }

  private outcomeOf(row: NotificationRow) {
    return {
      notificationId: row.notification_id,
      sourceEventId: row.source_event_id,
      sourceEventType: row.source_event_type,
      programId: row.program_id,
      recipientId: row.recipient_id,
      recipientKind: row.recipient_kind,
      channel: row.channel,
      template: row.template,
      attempts: row.attempts,
    };
  }
}

function first(delivery: Delivery): string {
  const row = delivery.rows[0];
  return `notification ${row.notification_id} (${row.channel}${delivery.rows.length > 1 ? `, digest of ${delivery.rows.length}` : ''})`;
}
