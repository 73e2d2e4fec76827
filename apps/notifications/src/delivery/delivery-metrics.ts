import { Inject, Injectable } from '@nestjs/common';
import { ServiceMetrics } from '@diplomacy/service-kit';
import { CHANNEL_NAMES } from '../recipients/recipient';
import type { ChannelName } from '../recipients/recipient';

/**
 * Why a send failed, as a bounded label:
 *  - transient: the attempt failed and a retry is scheduled;
 *  - permanent: the receiver refused for good (e.g. HTTP 4xx, an SMTP 5xx), no retry;
 *  - exhausted: the last allowed attempt failed.
 * Only `permanent` and `exhausted` are final: the notification is failed and dead-lettered.
 */
export const FAILURE_REASONS = ['transient', 'permanent', 'exhausted'] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** A counter as ServiceMetrics makes it (prom-client's, without importing prom-client here). */
type ServiceCounter = ReturnType<ServiceMetrics['counter']>;

export function failureReason(permanent: boolean, retrying: boolean): FailureReason {
  if (retrying) return 'transient';
  return permanent ? 'permanent' : 'exhausted';
}

/**
 * notifications_sent_total{channel} and notifications_failed_total{channel, reason} on
 * /metrics (issue 10). Counted when the outcome commits, per notification (a digest of three
 * counts three), so the series match the delivery log, not the wire.
 */
@Injectable()
export class DeliveryMetrics {
  private readonly sent: ServiceCounter;
  private readonly failed: ServiceCounter;

  constructor(@Inject(ServiceMetrics) metrics: ServiceMetrics) {
    this.sent = metrics.counter({ name: 'notifications_sent_total', help: 'Notifications delivered, per channel (counted when the outcome commits).', labelNames: ['channel'] });
    this.failed = metrics.counter({
      name: 'notifications_failed_total',
      help: 'Failed notification sends, per channel and reason: transient (retry scheduled), permanent (refused for good) or exhausted (out of attempts).',
      labelNames: ['channel', 'reason'],
    });
    // Every series exists from the start at 0, so rates and ratios work before the first failure.
    for (const channel of CHANNEL_NAMES) {
      this.sent.inc({ channel }, 0);
      for (const reason of FAILURE_REASONS) this.failed.inc({ channel, reason }, 0);
    }
  }

  recordSent(channel: ChannelName, count: number): void {
    if (count > 0) this.sent.inc({ channel }, count);
  }

  recordFailed(channel: ChannelName, reason: FailureReason, count: number): void {
    if (count > 0) this.failed.inc({ channel, reason }, count);
  }
}
