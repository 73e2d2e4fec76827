import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { RegistrationCancelled } from '@diplomacy/contracts';
import { UnitOfWork } from '@diplomacy/messaging';
import { TenantContext } from '@diplomacy/service-kit';
import { CommunityEventRepository } from '../community-events/community-event.repository';
import { RegistrationRepository } from './registration.repository';
import { WaitlistPromoter } from './waitlist-promoter';

export const CLAIM_SWEEP_INTERVAL_MS = Symbol('CLAIM_SWEEP_INTERVAL_MS');

export interface SweepResult {
  expired: number;
  promoted: number;
}

/**
 * Moves seats on when promoted parties let their claim deadline pass: the offer expires
 * (`registration.cancelled`, reason claim-expired) and the freed seats are offered to the
 * next parties that fit, event by event, each in its own transaction under the event lock.
 * Replicas may sweep at the same time: the lock and the re-read make the second one a no-op.
 */
@Injectable()
export class ClaimDeadlineSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ClaimDeadlineSweeper');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SweepResult> | null = null;

  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(CommunityEventRepository) private readonly events: CommunityEventRepository,
    @Inject(RegistrationRepository) private readonly registrations: RegistrationRepository,
    @Inject(WaitlistPromoter) private readonly promoter: WaitlistPromoter,
    @Inject(CLAIM_SWEEP_INTERVAL_MS) private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalMs <= 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.sweep().catch((error: Error) => this.logger.error(`sweep failed: ${error.stack ?? error.message}`));
    }, this.intervalMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pass over every overdue offer, across every organisation; `now` is a parameter so tests can move time. */
  async sweep(now: Date = new Date()): Promise<SweepResult> {
    const run = TenantContext.runAsSystem(async () => {
      const result: SweepResult = { expired: 0, promoted: 0 };
      for (const eventId of await this.registrations.eventsWithOverdueOffers(now)) {
        const { expired, promoted } = await this.sweepEvent(eventId, now);
        result.expired += expired;
        result.promoted += promoted;
      }
      if (result.expired > 0) this.logger.log(`${result.expired} offer(s) expired, ${result.promoted} part(ies) promoted`);
      return result;
    });
    this.running = run;
    try {
      return await run;
    } finally {
      if (this.running === run) this.running = null;
    }
  }

  private sweepEvent(eventId: string, now: Date): Promise<SweepResult> {
    return this.unitOfWork.run(async (tx) => {
      const event = await this.events.lockById(tx.manager, eventId);
      if (!event) return { expired: 0, promoted: 0 };
      const overdue = await this.registrations.overdueOffers(tx.manager, eventId, now);
      for (const offer of overdue) {
        await this.registrations.update(tx.manager, offer.id, { status: 'expired', offerExpiresAt: null, version: offer.version + 1 });
      }
      if (overdue.length > 0) {
        await tx.publish(
          ...overdue.map((offer) => ({
            definition: RegistrationCancelled,
            key: eventId,
            organisationId: event.organisationId,
            payload: { eventId, registrationId: offer.id, partySize: offer.partySize, previousStatus: 'offered' as const, reason: 'claim-expired' as const },
          })),
        );
      }
      const promoted = await this.promoter.promote(tx, event, 'claim-expired', now);
      return { expired: overdue.length, promoted: promoted.length };
    });
  }
}
