import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AgendaItemCancelled, AgendaItemRescheduled, AgendaItemScheduled } from '@diplomacy/contracts';
import type { AgendaItemStateV1, CommunityEventCancelledV1, CommunityEventSnapshotV1, EventDefinition, ScheduleChangeV1 } from '@diplomacy/contracts';
import type { Transaction } from '@diplomacy/messaging';
import { AgendaItemEntity } from '../itinerary/agenda-item.entity';
import type { BookingConflict } from '../itinerary/agenda-item.entity';
import { AgendaItemRepository } from '../itinerary/agenda-item.repository';
import type { BookingAttempt } from '../itinerary/agenda-item.repository';
import { AgendaItemWriter } from '../itinerary/agenda-item-writer';
import { ruleOfViolation } from '../itinerary/conflict-rules';
import { ItineraryConflictError } from '../itinerary/itinerary.errors';
import { outsideDates } from '../itinerary/usecases/schedule-agenda-item.usecase';
import { ProgramProjectionRepository } from '../program-projection/program-projection.repository';
import type { ScheduledProgramEntity } from '../program-projection/scheduled-program.entity';
import { CommunityEventItemPolicy } from './community-event-item.policy';
import type { LinkDecision } from './community-event-item.policy';
import { CommunityEventLinkRepository } from './community-event-link.repository';

export type LinkOutcome = LinkDecision | 'booked' | 'recorded-unbooked' | 'unlinked' | 'cancelled';

/**
 * What the itinerary does when a community event linked to programs is published,
 * changes or is cancelled. Runs inside the consumer's inbox transaction: links, items
 * and their schedule-changes events commit together, once per community-events event.
 *
 * A community event is a fact decided elsewhere (the organiser linked the program), so
 * a conflict does not refuse it: the item is recorded as tentative, books nobody (no
 * attendance rows, so the exclusion constraints still hold for everyone) and carries
 * `bookingConflict` naming the rule and the item in the way, for a coordinator to resolve.
 */
@Injectable()
export class CommunityEventReactions {
  private readonly logger = new Logger(CommunityEventReactions.name);
  private savepoints = 0;

  constructor(
    @Inject(ProgramProjectionRepository) private readonly programs: ProgramProjectionRepository,
    @Inject(AgendaItemRepository) private readonly items: AgendaItemRepository,
    @Inject(AgendaItemWriter) private readonly writer: AgendaItemWriter,
    @Inject(CommunityEventLinkRepository) private readonly links: CommunityEventLinkRepository,
  ) {}

  /** event.published and event.updated: the event on every linked itinerary, moved where it moved; off the unlinked ones. */
  async snapshot(tx: Transaction, event: CommunityEventSnapshotV1, changedFields: readonly string[] | null, unlinkedProgramIds: readonly string[] = []): Promise<Record<string, LinkOutcome>> {
    const outcomes: Record<string, LinkOutcome> = {};
    for (const programId of [...event.programIds].sort()) outcomes[programId] = await this.applyLink(tx, event, programId, changedFields);
    for (const programId of [...unlinkedProgramIds].sort()) outcomes[programId] = await this.unlink(tx, event, programId);
    return outcomes;
  }

  /** event.cancelled: every live item of the event is cancelled with the organiser's reason. */
  async cancelled(tx: Transaction, event: CommunityEventCancelledV1): Promise<number> {
    let cancelled = 0;
    for (const link of await this.links.lockAllOfEvent(tx.manager, event.eventId)) {
      if (link.state === 'linked' && link.itemId) {
        const program = await this.programs.lockProgram(tx.manager, link.programId, 'share');
        if (program && (await this.cancelItem(tx, link.itemId, program, CommunityEventItemPolicy.reasonCancelled(event.reason)))) cancelled += 1;
      }
      await this.links.save(tx.manager, { ...link, state: 'event-cancelled', eventVersion: Math.max(link.eventVersion, event.version) });
    }
    return cancelled;
  }

  /** program.created: the community events that were waiting for this program go on its itinerary now. */
  async programKnown(tx: Transaction, programId: string): Promise<number> {
    const waiting = await this.links.lockWaitingFor(tx.manager, programId);
    for (const link of waiting) await this.applyLink(tx, link.snapshot, programId, null);
    return waiting.length;
  }

  private async applyLink(tx: Transaction, event: CommunityEventSnapshotV1, programId: string, changedFields: readonly string[] | null): Promise<LinkOutcome> {
    const program = await this.programs.lockProgram(tx.manager, programId, 'share');
    const link = await this.links.lock(tx.manager, event.eventId, programId);
    const item = link?.itemId ? await this.items.lockById(tx.manager, link.itemId) : null;
    const decision = CommunityEventItemPolicy.decide(link && { state: link.state, eventVersion: link.eventVersion, item }, event.version, changedFields, program);
    const base = { eventId: event.eventId, programId, snapshot: event, eventVersion: event.version, organisationId: event.organisationId };
    switch (decision) {
      case 'stale':
        return decision;
      case 'await-program':
        await this.links.save(tx.manager, { ...base, itemId: link?.itemId ?? null, state: 'program-not-known' });
        return decision;
      case 'program-cancelled':
        await this.links.save(tx.manager, { ...base, itemId: link?.itemId ?? null, state: 'program-cancelled' });
        return decision;
      case 'record':
        await this.links.save(tx.manager, { ...base, itemId: link?.itemId ?? null, state: 'linked' });
        return decision;
      case 'schedule': {
        const outcome = await this.schedule(tx, event, program as ScheduledProgramEntity);
        await this.links.save(tx.manager, { ...base, itemId: outcome.itemId, state: 'linked' });
        return outcome.booked ? 'booked' : 'recorded-unbooked';
      }
      case 'move': {
        const booked = await this.move(tx, event, item as AgendaItemEntity, program as ScheduledProgramEntity, changedFields);
        await this.links.save(tx.manager, { ...base, itemId: link?.itemId ?? null, state: 'linked' });
        return booked ? 'booked' : 'recorded-unbooked';
      }
    }
  }

  private async unlink(tx: Transaction, event: CommunityEventSnapshotV1, programId: string): Promise<LinkOutcome> {
    const program = await this.programs.lockProgram(tx.manager, programId, 'share');
    const link = await this.links.lock(tx.manager, event.eventId, programId);
    if (!link || link.state === 'unlinked') return 'stale';
    if (link.state === 'linked' && link.itemId && program) await this.cancelItem(tx, link.itemId, program, CommunityEventItemPolicy.reasonUnlinked(event.title));
    await this.links.save(tx.manager, { ...link, state: 'unlinked', eventVersion: Math.max(link.eventVersion, event.version) });
    return 'unlinked';
  }

  private async schedule(tx: Transaction, event: CommunityEventSnapshotV1, program: ScheduledProgramEntity): Promise<{ itemId: string; booked: boolean }> {
    const venue = CommunityEventItemPolicy.venue(event);
    await this.links.ensureVenue(tx.manager, venue);
    const item = Object.assign(new AgendaItemEntity(), {
      id: randomUUID(),
      programId: program.programId,
      organisationId: program.organisationId,
      kind: 'community-event' as const,
      ...CommunityEventItemPolicy.itemFields(event),
      venueId: venue.id,
      resourceId: null,
      wholeDelegation: true,
      participantIds: [],
      interpreterIds: [],
      status: CommunityEventItemPolicy.statusFor(true),
      cancellationReason: null,
      travelBufferMinutes: null,
      version: 1,
    });
    item.outsideProgramDates = outsideDates(item, program.startDate, program.endDate);
    const booked = await this.bookOrRecord(tx, item, null, AgendaItemScheduled, CommunityEventItemPolicy.reasonLinked(event), program);
    return { itemId: item.id, booked };
  }

  private async move(tx: Transaction, event: CommunityEventSnapshotV1, item: AgendaItemEntity, program: ScheduledProgramEntity, changedFields: readonly string[] | null): Promise<boolean> {
    const before = await this.writer.stateOf(item, tx.manager);
    const venue = CommunityEventItemPolicy.venue(event);
    await this.links.ensureVenue(tx.manager, venue);
    const { startsAt, endsAt, timeZone } = CommunityEventItemPolicy.itemFields(event);
    Object.assign(item, { startsAt, endsAt, timeZone, venueId: venue.id, status: CommunityEventItemPolicy.statusFor(true), version: item.version + 1 });
    item.outsideProgramDates = outsideDates(item, program.startDate, program.endDate);
    return this.bookOrRecord(tx, item, before, AgendaItemRescheduled, CommunityEventItemPolicy.reasonMoved(event, changedFields), program);
  }

  /**
   * Books the item under every rule; when a rule objects, rolls back to a savepoint and
   * records the same change unbooked and flagged instead. Returns whether it booked.
   */
  private async bookOrRecord(
    tx: Transaction,
    item: AgendaItemEntity,
    before: AgendaItemStateV1 | null,
    event: EventDefinition<ScheduleChangeV1>,
    reason: string,
    program: ScheduledProgramEntity,
  ): Promise<boolean> {
    const savepoint = `community_event_${(this.savepoints += 1)}`;
    const attempt: Partial<BookingAttempt> = {};
    await tx.manager.query(`SAVEPOINT ${savepoint}`);
    try {
      await this.writer.write(tx, { before, item, event, cause: 'community-event', reason, organisationId: program.organisationId, attempt });
      await tx.manager.query(`RELEASE SAVEPOINT ${savepoint}`);
      return true;
    } catch (error) {
      const conflict = await this.conflictOf(error, attempt);
      if (!conflict) throw error;
      await tx.manager.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
      this.logger.warn(`community event item ${item.id} of program ${item.programId} recorded unbooked: ${conflict.rule} (${conflict.message})`);
      item.status = CommunityEventItemPolicy.statusFor(false);
      await this.writer.write(tx, {
        before,
        item,
        event,
        cause: 'community-event',
        reason: CommunityEventItemPolicy.reasonUnbooked(reason, conflict),
        organisationId: program.organisationId,
        unbookedBecause: conflict,
      });
      return false;
    }
  }

  private async conflictOf(error: unknown, attempt: Partial<BookingAttempt>): Promise<BookingConflict | null> {
    if (error instanceof ItineraryConflictError) {
      const ext = error.extensions as { conflictingItemId?: string | null; participantId?: string | null; resourceId?: string | null };
      return { rule: error.rule, message: error.message, conflictingItemId: ext.conflictingItemId ?? null, participantId: ext.participantId ?? null, resourceId: ext.resourceId ?? null };
    }
    const rule = ruleOfViolation(error);
    if (!rule) return null;
    // The item in the way is committed, so a query outside this transaction finds it.
    const found = attempt.itemId ? await this.items.findConflictingItem(attempt as BookingAttempt, rule) : null;
    return { rule, message: (error as Error).message, conflictingItemId: found?.itemId ?? null, participantId: found?.participantId ?? null, resourceId: found?.resourceId ?? null };
  }

  private async cancelItem(tx: Transaction, itemId: string, program: ScheduledProgramEntity, reason: string): Promise<boolean> {
    const item = await this.items.lockById(tx.manager, itemId);
    if (!item || item.status === 'cancelled') return false;
    const before = await this.writer.stateOf(item, tx.manager);
    Object.assign(item, { status: 'cancelled', cancellationReason: reason, version: item.version + 1 });
    await this.writer.write(tx, { before, item, event: AgendaItemCancelled, cause: 'community-event', reason, organisationId: program.organisationId });
    return true;
  }
}
