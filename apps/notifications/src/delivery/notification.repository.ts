import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { currentTraceparent } from '@diplomacy/messaging';
import { OrganisationMismatchError, TenantContext, tenantSql } from '@diplomacy/service-kit';
import type { ChannelName, NotificationCategory, RecipientKind } from '../recipients/recipient';

export type NotificationStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'suppressed';
export type LogStatus = 'queued' | 'suppressed' | 'retry-scheduled' | 'sent' | 'failed' | 'dead-lettered' | 'read';

export interface NewNotification {
  notificationId: string;
  sourceEventId: string;
  sourceEventType: string;
  programId: string | null;
  organisationId: string | null;
  correlationId: string;
  recipientId: string;
  recipientKind: RecipientKind;
  channel: ChannelName;
  address: string;
  template: string;
  category: NotificationCategory;
  critical: boolean;
  language: string;
  subject: string;
  body: string;
  html: string | null;
  summary: string;
  payload: unknown;
  /** Set when the message may wait for a digest; with `digestWindowSeconds` > 0. */
  digestKey: string | null;
  digestWindowSeconds: number;
  /** Suppressed rows are kept so the log can say why nothing was sent. */
  suppressedBecause: string | null;
}

export interface NotificationRow {
  notification_id: string;
  source_event_id: string;
  source_event_type: string;
  program_id: string | null;
  organisation_id: string | null;
  correlation_id: string;
  recipient_id: string;
  recipient_kind: RecipientKind;
  channel: ChannelName;
  address: string;
  template: string;
  category: string;
  critical: boolean;
  language: string;
  subject: string;
  body: string;
  html: string | null;
  summary: string;
  payload: unknown;
  digest_key: string | null;
  status: NotificationStatus;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  digest_id: string | null;
  /** W3C traceparent of the event handling that queued it; the dispatcher's span continues it. */
  traceparent: string | null;
  created_at: Date;
  sent_at: Date | null;
  failed_at: Date | null;
  read_at: Date | null;
}

export interface TimelineEntry {
  status: LogStatus;
  detail: string | null;
  at: string;
}

export interface DeliveryRecord extends NotificationRow {
  timeline: TimelineEntry[];
}

/**
 * The notifications table: the idempotency key, the dispatcher's queue, the inbox and the
 * delivery log. Every query carries the current tenant (`tenantSql` on organisation_id): a
 * request sees its organisation's rows only, a consumer writes its event's organisation only,
 * and the dispatcher works across every organisation as system work.
 */
@Injectable()
export class NotificationRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Inserts unless this (source event, recipient, channel) already has a notification:
   * the UNIQUE constraint is the idempotency key. Returns whether it was new.
   */
  async insert(manager: EntityManager, n: NewNotification): Promise<boolean> {
    const tenant = TenantContext.require();
    if (tenant.kind === 'organisation' && tenant.organisationId !== n.organisationId) throw new OrganisationMismatchError();
    const status: NotificationStatus = n.suppressedBecause ? 'suppressed' : 'queued';
    const digestKey = n.digestWindowSeconds > 0 && !n.suppressedBecause ? n.digestKey : null;
    const inserted: unknown[] = await manager.query(
      `INSERT INTO notifications (notification_id, source_event_id, source_event_type, program_id, organisation_id, correlation_id,
         recipient_id, recipient_kind, channel, address, template, category, critical, language, subject, body, html, summary, payload,
         digest_key, status, next_attempt_at, traceparent)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
         CASE WHEN $20::text IS NULL THEN now() ELSE COALESCE(
           -- Join the digest window already open for this recipient, channel and program, or open one.
           (SELECT min(next_attempt_at) FROM notifications WHERE recipient_id = $7 AND channel = $9 AND digest_key = $20 AND status = 'queued'),
           now() + make_interval(secs => $22)) END, $23)
       ON CONFLICT ON CONSTRAINT notifications_idempotency_key DO NOTHING
       RETURNING notification_id`,
      [
        n.notificationId,
        n.sourceEventId,
        n.sourceEventType,
        n.programId,
        n.organisationId,
        n.correlationId,
        n.recipientId,
        n.recipientKind,
        n.channel,
        n.address,
        n.template,
        n.category,
        n.critical,
        n.language,
        n.subject,
        n.body,
        n.html,
        n.summary,
        n.payload === null || n.payload === undefined ? null : JSON.stringify(n.payload),
        digestKey,
        status,
        n.digestWindowSeconds,
        // The consumer's trace, which the dispatcher continues when it sends (docs/architecture.md, Tracing).
        currentTraceparent(),
      ],
    );
    if (inserted.length === 0) return false;
    // Whoever an organisation notified is known to its staff (their inbox and delivery log).
    if (n.organisationId) {
      await manager.query(`INSERT INTO recipient_organisations (recipient_id, organisation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [n.recipientId, n.organisationId]);
    }
    await this.log(manager, [n.notificationId], status, n.suppressedBecause ?? (digestKey ? `waiting up to ${n.digestWindowSeconds}s for a digest` : null));
    return true;
  }

  async log(manager: EntityManager, notificationIds: string[], status: LogStatus, detail: string | null): Promise<void> {
    if (notificationIds.length === 0) return;
    await manager.query(`INSERT INTO notification_log (notification_id, status, detail) SELECT unnest($1::uuid[]), $2, $3`, [notificationIds, status, detail]);
  }

  /**
   * Claims due notifications for one dispatcher: queued ones whose time has come and
   * claimed ones whose sender died (lease expired), with SKIP LOCKED so concurrent
   * dispatchers never claim the same row. Digest siblings come along with the first of them.
   */
  async claimDue(limit: number, leaseMs: number): Promise<NotificationRow[]> {
    const params: unknown[] = [limit, leaseMs];
    const scope = tenantSql('organisation_id', params);
    return this.dataSource.transaction(async (manager) => {
      const [claimed]: [NotificationRow[], number] = await manager.query(
        `WITH due AS (
           SELECT notification_id FROM notifications
           WHERE ((status = 'queued' AND next_attempt_at <= now()) OR (status = 'sending' AND lease_expires_at <= now())) AND ${scope}
           ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         UPDATE notifications n SET status = 'sending', attempts = n.attempts + 1, lease_expires_at = now() + make_interval(secs => $2::double precision / 1000)
         FROM due WHERE n.notification_id = due.notification_id RETURNING n.*`,
        params,
      );
      const groups = new Map<string, NotificationRow>();
      for (const row of claimed) if (row.digest_key) groups.set(`${row.recipient_id}|${row.channel}|${row.digest_key}`, row);
      for (const row of groups.values()) {
        const siblingParams: unknown[] = [row.recipient_id, row.channel, row.digest_key, leaseMs];
        const siblingScope = tenantSql('organisation_id', siblingParams);
        const [siblings]: [NotificationRow[], number] = await manager.query(
          `WITH more AS (
             SELECT notification_id FROM notifications
             WHERE recipient_id = $1 AND channel = $2 AND digest_key = $3 AND status = 'queued' AND next_attempt_at <= now() + interval '1 second' AND ${siblingScope}
             FOR UPDATE SKIP LOCKED)
           UPDATE notifications n SET status = 'sending', attempts = n.attempts + 1, lease_expires_at = now() + make_interval(secs => $4::double precision / 1000)
           FROM more WHERE n.notification_id = more.notification_id RETURNING n.*`,
          siblingParams,
        );
        claimed.push(...siblings);
      }
      return claimed;
    });
  }

  async markSent(manager: EntityManager, ids: string[], digestId: string | null): Promise<NotificationRow[]> {
    const params: unknown[] = [ids, digestId];
    const rows: [NotificationRow[], number] = await manager.query(
      `UPDATE notifications SET status = 'sent', sent_at = now(), lease_expires_at = NULL, last_error = NULL, digest_id = $2
       WHERE notification_id = ANY($1::uuid[]) AND status = 'sending' AND ${tenantSql('organisation_id', params)} RETURNING *`,
      params,
    );
    const updated = rows[0];
    await this.log(manager, updated.map((r) => r.notification_id), 'sent', digestId ? `in digest ${digestId} of ${ids.length}` : null);
    return updated;
  }

  /** Returns the rows put back in the queue. */
  async scheduleRetry(manager: EntityManager, ids: string[], delayMs: number, error: string): Promise<{ notification_id: string; attempts: number }[]> {
    const params: unknown[] = [ids, delayMs, error];
    const rows: [NotificationRow[], number] = await manager.query(
      `UPDATE notifications SET status = 'queued', next_attempt_at = now() + make_interval(secs => $2::double precision / 1000), lease_expires_at = NULL, last_error = $3
       WHERE notification_id = ANY($1::uuid[]) AND status = 'sending' AND ${tenantSql('organisation_id', params)} RETURNING notification_id, attempts`,
      params,
    );
    for (const row of rows[0]) {
      await this.log(manager, [row.notification_id], 'retry-scheduled', `attempt ${row.attempts} failed: ${error}; next attempt in ${Math.round(delayMs / 100) / 10}s`);
    }
    return rows[0];
  }

  async markFailed(manager: EntityManager, ids: string[], error: string): Promise<NotificationRow[]> {
    const params: unknown[] = [ids, error];
    const rows: [NotificationRow[], number] = await manager.query(
      `UPDATE notifications SET status = 'failed', failed_at = now(), lease_expires_at = NULL, last_error = $2
       WHERE notification_id = ANY($1::uuid[]) AND status = 'sending' AND ${tenantSql('organisation_id', params)} RETURNING *`,
      params,
    );
    await this.log(manager, rows[0].map((r) => r.notification_id), 'failed', error);
    return rows[0];
  }

  /** Failed notifications whose dead-letter copy is not yet on the topic. */
  async lockUndeadLettered(manager: EntityManager, limit: number): Promise<NotificationRow[]> {
    const params: unknown[] = [limit];
    return manager.query(
      `SELECT * FROM notifications WHERE status = 'failed' AND dead_lettered_at IS NULL AND ${tenantSql('organisation_id', params)} ORDER BY failed_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      params,
    );
  }

  async markDeadLettered(manager: EntityManager, ids: string[], topic: string): Promise<void> {
    const params: unknown[] = [ids];
    await manager.query(`UPDATE notifications SET dead_lettered_at = now() WHERE notification_id = ANY($1::uuid[]) AND ${tenantSql('organisation_id', params)}`, params);
    await this.log(manager, ids, 'dead-lettered', `copied to ${topic}`);
  }

  async inbox(recipientId: string, options: { unreadOnly: boolean; limit: number; offset: number }): Promise<NotificationRow[]> {
    const params: unknown[] = [recipientId, options.unreadOnly, options.limit, options.offset];
    return this.dataSource.query(
      `SELECT * FROM notifications WHERE recipient_id = $1 AND channel = 'in-app' AND status = 'sent' AND ($2::boolean IS FALSE OR read_at IS NULL)
         AND ${tenantSql('organisation_id', params)}
       ORDER BY sent_at DESC, notification_id LIMIT $3 OFFSET $4`,
      params,
    );
  }

  async unreadCount(recipientId: string): Promise<number> {
    const params: unknown[] = [recipientId];
    const [row]: { count: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM notifications WHERE recipient_id = $1 AND channel = 'in-app' AND status = 'sent' AND read_at IS NULL AND ${tenantSql('organisation_id', params)}`,
      params,
    );
    return row.count;
  }

  /** Marks an inbox entry read once; null when it is not in this recipient's inbox. */
  async markRead(recipientId: string, notificationId: string): Promise<NotificationRow | null> {
    const params: unknown[] = [notificationId, recipientId];
    const scope = tenantSql('organisation_id', params);
    return this.dataSource.transaction(async (manager) => {
      const rows: NotificationRow[] = await manager.query(
        `SELECT * FROM notifications WHERE notification_id = $1 AND recipient_id = $2 AND channel = 'in-app' AND status = 'sent' AND ${scope} FOR UPDATE`,
        params,
      );
      const row = rows[0];
      if (!row) return null;
      if (row.read_at) return row;
      const [updated]: [NotificationRow[], number] = await manager.query(`UPDATE notifications SET read_at = now() WHERE notification_id = $1 RETURNING *`, [notificationId]);
      await this.log(manager, [notificationId], 'read', null);
      return updated[0];
    });
  }

  async deliveries(filter: { recipientId?: string; sourceEventId?: string }, limit = 200): Promise<DeliveryRecord[]> {
    const column = filter.recipientId ? 'recipient_id' : 'source_event_id';
    const params: unknown[] = [filter.recipientId ?? filter.sourceEventId, limit];
    return this.dataSource.query(
      `SELECT n.*, (SELECT json_agg(json_build_object('status', l.status, 'detail', l.detail, 'at', l.at) ORDER BY l.id)
                    FROM notification_log l WHERE l.notification_id = n.notification_id) AS timeline
       FROM notifications n WHERE n.${column} = $1 AND ${tenantSql('n.organisation_id', params)} ORDER BY n.created_at, n.notification_id LIMIT $2`,
      params,
    );
  }
}
