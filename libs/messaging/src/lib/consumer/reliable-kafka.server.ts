import { Logger } from '@nestjs/common';
import { ServerKafka } from '@nestjs/microservices';
import type { KafkaOptions } from '@nestjs/microservices';
import { KafkaContext } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import { Partitioners } from 'kafkajs';
import type { Consumer, EachMessagePayload, Producer } from 'kafkajs';
import type { Span } from '@opentelemetry/api';
import type { EventCatalog, EventEnvelope } from '@diplomacy/contracts';
import { CorrelationContext } from '../correlation/correlation-context';
import { ExponentialBackoff } from '../outbox/backoff';
import { failSpan, traceConsumedMessage } from '../tracing/messaging-spans';
import { deadLetterHeaders } from './dead-letter';
import { isTransientInfrastructureError } from './transient-errors';
import type { DeadLetterContext } from './dead-letter';

export interface ReliableConsumerOptions {
  brokers: string[];
  clientId: string;
  groupId: string;
  deadLetterTopic: string;
  catalog: EventCatalog;
  /** Attempts per message before it is dead-lettered (1 = no retry). */
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Upper bound of a fetch's wait on an idle topic: the latency floor of an idle consumer (kafkajs PR #1258). */
  maxWaitTimeInMs: number;
  partitionsConsumedConcurrently: number;
  fromBeginning: boolean;
  /**
   * How long the group waits for a silent member before giving its partitions to
   * others: after a crash (kill -9) this is how long those partitions stand still.
   */
  sessionTimeoutMs: number;
}

/**
 * Nest's Kafka transport with the failure handling it lacks. Nest's ServerKafka
 * rethrows a failing event handler into kafkajs, which leaves the offset
 * uncommitted and retries the same message forever (nestjs/nest #14664). Here
 * every message ends in exactly one of: handled, or dead-lettered with its
 * reason after bounded retries; either way the partition moves on.
 *
 * Handlers (`@EventPattern(topic)`) receive the validated EventEnvelope.
 */
export class ReliableKafkaServer extends ServerKafka {
  protected override logger = new Logger(ReliableKafkaServer.name);
  private readonly backoff: ExponentialBackoff;
  private readonly heartbeatIntervalMs: number;
  private inFlight = 0;
  private state: 'starting' | 'joined' | 'rebalancing' | 'stopped' | 'crashed' = 'starting';

  constructor(private readonly reliable: ReliableConsumerOptions) {
    const options: KafkaOptions['options'] = {
      client: {
        clientId: reliable.clientId,
        brokers: reliable.brokers,
        connectionTimeout: 3000,
        retry: { retries: 10, initialRetryTime: 200, maxRetryTime: 5000 },
      },
      consumer: {
        groupId: reliable.groupId,
        maxWaitTimeInMs: reliable.maxWaitTimeInMs,
        sessionTimeout: reliable.sessionTimeoutMs,
        heartbeatInterval: heartbeatIntervalMs(reliable.sessionTimeoutMs),
        allowAutoTopicCreation: false,
        retry: { retries: 10, initialRetryTime: 200, maxRetryTime: 5000 },
      },
      producer: { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner },
      subscribe: { fromBeginning: reliable.fromBeginning },
      run: { partitionsConsumedConcurrently: reliable.partitionsConsumedConcurrently, autoCommit: true },
      // Use the configured ids as they are: Nest appends "-server" by default.
      postfixId: '',
    };
    super(options);
    this.backoff = new ExponentialBackoff(reliable.retryBaseMs, reliable.retryMaxMs);
    this.heartbeatIntervalMs = heartbeatIntervalMs(reliable.sessionTimeoutMs);
  }

  /** Messages whose handling has started but not finished; shutdown waits for this to reach zero. */
  get inFlightCount(): number {
    return this.inFlight;
  }

  /**
   * For readiness: down until the group is first joined and after a crash or stop.
   * A rebalance is normal operation and does not make the instance unready.
   */
  consumerHealth(): { up: boolean; detail: string } {
    return { up: this.state === 'joined' || this.state === 'rebalancing', detail: `consumer group ${this.reliable.groupId}: ${this.state}` };
  }

  override registerConsumerEventListeners(): void {
    super.registerConsumerEventListeners();
    const consumer = this.consumer;
    if (!consumer) return;
    consumer.on(consumer.events.GROUP_JOIN, () => (this.state = 'joined'));
    consumer.on(consumer.events.REBALANCING, () => (this.state = 'rebalancing'));
    consumer.on(consumer.events.STOP, () => (this.state = 'stopped'));
    consumer.on(consumer.events.CRASH, () => (this.state = 'crashed'));
  }

  override async close(): Promise<void> {
    // kafkajs' disconnect waits for the running eachMessage calls, then commits their offsets.
    await super.close();
  }

  override async handleMessage(payload: EachMessagePayload): Promise<void> {
    this.inFlight += 1;
    try {
      const { topic, partition, message } = payload;
      const stopHeartbeats = this.keepMembership(payload);
      try {
        await traceConsumedMessage({ topic, partition, offset: message.offset, groupId: this.reliable.groupId, headers: message.headers }, (span) =>
          this.process(payload, span),
        );
      } finally {
        stopHeartbeats();
      }
    } finally {
      this.inFlight -= 1;
    }
  }

  private async process(payload: EachMessagePayload, span: Span): Promise<void> {
    const { topic, partition, message } = payload;
    const parsed = this.reliable.catalog.parse(message.value);
    if (!parsed.ok) {
      await this.deadLetter(payload, span, { reason: parsed.reason, error: parsed.detail, attempts: 0 });
      return;
    }
    const envelope = parsed.envelope;
    if (span.isRecording()) span.setAttributes({ 'messaging.message.id': envelope.id, 'diplomacy.event.type': envelope.type });
    const handler = this.getHandlerByPattern(topic);
    if (!handler) {
      await this.deadLetter(payload, span, { reason: 'handler-failed', error: `no handler for topic ${topic}`, attempts: 0 });
      return;
    }
    const { consumer, producer } = this.connected();
    const context = new KafkaContext([message, partition, topic, consumer, payload.heartbeat, producer]);

    let transientFailures = 0;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await CorrelationContext.run({ correlationId: envelope.correlationId, causationId: envelope.id }, async () => {
          const result = await handler(envelope as EventEnvelope, context);
          if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
          this.logger.debug(`handled ${envelope.type} ${envelope.id} from ${topic}[${partition}]@${message.offset}`);
        });
        return;
      } catch (error) {
        const reason = describeError(error);
        if (isTransientInfrastructureError(error) && this.state !== 'stopped') {
          // The infrastructure, not the message, failed: wait and try again without
          // spending an attempt, however long it takes; the partition waits with us.
          transientFailures += 1;
          attempt -= 1;
          span.addEvent('infrastructure failure, retrying', { 'error.message': reason.slice(0, 500) });
          this.logger.warn(`handler for ${envelope.type} ${envelope.id} hit an infrastructure failure (${transientFailures}), retrying: ${reason}`);
          await sleep(this.backoff.delay(Math.min(transientFailures, 6)));
          await payload.heartbeat();
          continue;
        }
        if (attempt >= this.reliable.maxAttempts) {
          await this.deadLetter(payload, span, { reason: 'handler-failed', error: reason, attempts: attempt });
          return;
        }
        span.addEvent('handler failed, retrying', { attempt, 'error.message': reason.slice(0, 500) });
        this.logger.warn(`handler for ${envelope.type} ${envelope.id} failed (attempt ${attempt}): ${reason}`);
        await sleep(this.backoff.delay(attempt));
        // Long retries must not cost the partition its group membership.
        await payload.heartbeat();
      }
    }
  }

  /**
   * kafkajs heartbeats only between messages. A handler that works longer than the session
   * timeout (a fan-out to 10,000 registrants planned in one inbox transaction) would get the
   * member evicted mid-message: its offset commit then fails and the message is handled again
   * after the rejoin. So while a handler runs, heartbeat on the group's interval (kafkajs sends
   * one only when the interval has passed). A failed heartbeat (a rebalance has started) is
   * only logged: the handler's outcome stands, and the commit decides what is redelivered.
   */
  private keepMembership(payload: EachMessagePayload): () => void {
    const timer = setInterval(() => {
      payload.heartbeat().catch((error: unknown) => this.logger.warn(`heartbeat during a long handler failed: ${describeError(error)}`));
    }, this.heartbeatIntervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  private connected(): { consumer: Consumer; producer: Producer } {
    if (!this.consumer || !this.producer) throw new Error('The Kafka server is not connected');
    return { consumer: this.consumer, producer: this.producer };
  }

  private async deadLetter(
    payload: EachMessagePayload,
    span: Span,
    failure: Pick<DeadLetterContext, 'reason' | 'error' | 'attempts'>,
  ): Promise<void> {
    const { topic, partition, message } = payload;
    failSpan(span, null, `dead-lettered (${failure.reason}): ${failure.error}`);
    if (span.isRecording()) span.setAttribute('diplomacy.dead_letter.reason', failure.reason);
    const headers = deadLetterHeaders(message.headers, {
      ...failure,
      topic,
      partition,
      offset: message.offset,
      consumerGroup: this.reliable.groupId,
    });
    // If this send fails the error propagates, the offset stays uncommitted and
    // kafkajs redelivers: a message is dead-lettered or handled, never dropped.
    await this.connected().producer.send({
      topic: this.reliable.deadLetterTopic,
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
    this.logger.warn(
      `dead-lettered ${topic}[${partition}]@${message.offset} to ${this.reliable.deadLetterTopic}: ${failure.reason}: ${failure.error}`,
    );
  }
}

/** Kafka's guidance: heartbeat at no more than a third of the session timeout. */
function heartbeatIntervalMs(sessionTimeoutMs: number): number {
  return Math.max(500, Math.floor(sessionTimeoutMs / 3));
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === 'object' && error !== null) return JSON.stringify(error);
  return String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
