import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AgendaItemStateV1, EventDefinition, ScheduleChangeCause, ScheduleChangeV1 } from '@diplomacy/contracts';
import type { Transaction } from '@diplomacy/messaging';
import { AuditTrail, RequestValidationError } from '@diplomacy/service-kit';
import { SCHEDULING_SETTINGS } from '../config/scheduling.config';
import type { SchedulingSettings } from '../config/scheduling.config';
import { ProgramProjectionRepository } from '../program-projection/program-projection.repository';
import { AvailabilityPolicy } from '../resources/availability.policy';
import type { ResourceEntity } from '../resources/resource.entity';
import { ResourceRepository } from '../resources/resource.repository';
import type { AgendaItemEntity, BookingConflict } from './agenda-item.entity';
import { AgendaItemRepository } from './agenda-item.repository';
import type { Attendee, BookingAttempt } from './agenda-item.repository';
import { AGENDA_ITEM_ENTITY, AgendaItemAudit } from './agenda-item.audit';
import { affectedParticipants, agendaItemState, resourceContact } from './agenda-item.state';
import { AgendaItemNotFoundError, InvalidStatusTransitionError, ItineraryConflictError, StaleVersionError } from './itinerary.errors';
import { AgendaItemStatusPolicy } from './agenda-item-status.policy';
import type { AgendaItemAction } from './agenda-item-status.policy';
import type { ScheduledProgramEntity } from '../program-projection/scheduled-program.entity';

export interface LockedItem {
  item: AgendaItemEntity;
  before: AgendaItemStateV1;
  program: ScheduledProgramEntity;
}

export interface ItemWrite {
  /** The item as it was (null for a new item). */
  before: AgendaItemStateV1 | null;
  /** The item as it should become; its version is already the new one. */
  item: AgendaItemEntity;
  event: EventDefinition<ScheduleChangeV1>;
  cause: ScheduleChangeCause;
  reason: string | null;
  organisationId: string;
  /** Filled with what is being booked, so a 23P01 after it can name the item in the way. */
  attempt?: Partial<BookingAttempt>;
  /** Explicit attendee ids are checked against the program's participants (HTTP writes), naming the bad field. */
  validateAttendees?: boolean;
  /**
   * Record the item without booking anyone (no attendance or resource rows, so no rule
   * can object), flagged with why: for items that arrive as facts from another service
   * (community events) and must not be lost when they conflict. Absent: a normal,
   * rule-checked booking, which also clears an earlier flag.
   */
  unbookedBecause?: BookingConflict;
}

/**
 * Every change to an item goes through here, so every change is checked by the same
 * rules: availability windows and venue capacity in code (with the resources share-
 * locked), double bookings and travel buffers by the exclusion constraints when the
 * attendance and booking rows are rewritten, and the event and the audit entry in the same
 * transaction (a refused or rolled-back write leaves neither).
 */
@Injectable()
export class AgendaItemWriter {
  constructor(
    @Inject(AgendaItemRepository) private readonly items: AgendaItemRepository,
    @Inject(ResourceRepository) private readonly resources: ResourceRepository,
    @Inject(ProgramProjectionRepository) private readonly programs: ProgramProjectionRepository,
    @Inject(SCHEDULING_SETTINGS) private readonly settings: SchedulingSettings,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  async write(tx: Transaction, change: ItemWrite): Promise<{ item: AgendaItemEntity; state: AgendaItemStateV1 }> {
    const { manager } = tx;
    const item = change.item;
    item.effectiveBufferMinutes = item.travelBufferMinutes ?? this.settings.defaultTravelBufferMinutes;
    item.bookingConflict = change.unbookedBecause ?? null;
    const unbooked = !!change.unbookedBecause;
    const attendees = unbooked ? [] : await this.resolveAttendees(manager, item, change.validateAttendees ?? false);

    const locked = await this.resources.lockForBooking(manager, [item.venueId, item.resourceId].filter((id): id is string => !!id));
    const venue = this.pick(locked, item.venueId, 'venueId');
    const resource = this.pick(locked, item.resourceId, 'resourceId');
    if (item.status !== 'cancelled' && !unbooked) this.checkResources(item, attendees, venue, resource);

    const saved = change.before ? await this.items.update(manager, item) : await this.items.insert(manager, item);
    const exclusive = unbooked ? [] : [
      ...(venue?.exclusive ? [{ resourceId: venue.id, role: 'venue' as const }] : []),
      ...(resource?.exclusive && resource.id !== venue?.id ? [{ resourceId: resource.id, role: 'resource' as const }] : []),
    ];
    Object.assign(change.attempt ?? {}, {
      itemId: saved.id,
      participantIds: attendees.map((a) => a.participantId),
      venueId: saved.venueId,
      resourceIds: exclusive.map((b) => b.resourceId),
      startsAt: saved.startsAt,
      endsAt: saved.endsAt,
      bufferMinutes: saved.effectiveBufferMinutes,
    } satisfies BookingAttempt);
    await this.items.replaceBookings(manager, saved, attendees, exclusive);

    const after = agendaItemState(saved, attendees, venue, resource);
    await tx.publish({
      definition: change.event,
      key: saved.programId,
      organisationId: change.organisationId,
      payload: {
        programId: saved.programId,
        itemId: saved.id,
        version: saved.version,
        cause: change.cause,
        reason: change.reason,
        before: change.before,
        after,
        affectedParticipantIds: affectedParticipants(change.before, after),
        resourceContact: resourceContact(venue, resource),
      },
    });
    // The actor is the request's caller; changes made by the consumers (a participant left, a
    // community event moved) have none and are recorded as `system`.
    await this.audit.record(manager, {
      organisationId: change.organisationId,
      entityType: AGENDA_ITEM_ENTITY,
      entityId: saved.id,
      action: AgendaItemAudit.actionOf(change.event),
      changes: AgendaItemAudit.changes(change.before, after),
    });
    return { item: saved, state: after };
  }

  /**
   * Locks an item for a change (program row in share mode first, as every itinerary
   * write does, then the item) and checks the caller's If-Match version and the status.
   */
  async lockForChange(manager: EntityManager, itemId: string, expectedVersion: number, action: AgendaItemAction): Promise<LockedItem> {
    const found = await this.items.findById(itemId, manager);
    if (!found) throw new AgendaItemNotFoundError(itemId);
    const program = await this.programs.lockProgram(manager, found.programId, 'share');
    const item = await this.items.lockById(manager, itemId);
    if (!item || !program) throw new AgendaItemNotFoundError(itemId);
    if (item.version !== expectedVersion) throw new StaleVersionError(expectedVersion, item.version);
    if (!AgendaItemStatusPolicy.canApply(item.status, action)) throw new InvalidStatusTransitionError(item.status, action);
    const before = await this.stateOf(item, manager);
    return { item, before, program };
  }

  /** The item's state as stored, for the `before` of a change. */
  async stateOf(item: AgendaItemEntity, manager?: EntityManager): Promise<AgendaItemStateV1> {
    const attendees = (await this.items.attendeesOf([item.id], manager)).get(item.id) ?? [];
    const ids = [item.venueId, item.resourceId].filter((id): id is string => !!id);
    const found = new Map((await this.resources.findMany(ids, manager)).map((r) => [r.id, r]));
    return agendaItemState({ ...item }, attendees, item.venueId ? (found.get(item.venueId) ?? null) : null, item.resourceId ? (found.get(item.resourceId) ?? null) : null);
  }

  private pick(locked: Map<string, ResourceEntity>, id: string | null, field: string): ResourceEntity | null {
    if (!id) return null;
    const found = locked.get(id);
    if (!found) throw new RequestValidationError([{ field, messages: [`${field} ${id} is not a known resource`] }]);
    return found;
  }

  private checkResources(item: AgendaItemEntity, attendees: Attendee[], venue: ResourceEntity | null, resource: ResourceEntity | null): void {
    for (const bookable of [venue, resource]) {
      if (!bookable) continue;
      const verdict = AvailabilityPolicy.check(bookable, item.startsAt, item.endsAt);
      if (!verdict.available) {
        throw new ItineraryConflictError(
          'resource-unavailable',
          `${bookable.name} is not available ${verdict.localStart} – ${verdict.localEnd} (its windows are in ${bookable.timeZone})`,
          { resourceId: bookable.id, resourceTimeZone: bookable.timeZone, availability: bookable.availability, localStart: verdict.localStart, localEnd: verdict.localEnd },
        );
      }
    }
    if (venue?.capacity && attendees.length > venue.capacity) {
      throw new ItineraryConflictError('venue-capacity', `${venue.name} holds ${venue.capacity}; this item has ${attendees.length} attendees`, {
        resourceId: venue.id,
        capacity: venue.capacity,
        attendees: attendees.length,
      });
    }
  }

  /** The whole delegation (participants not removed) plus the named participants and interpreters. */
  private async resolveAttendees(manager: EntityManager, item: AgendaItemEntity, validate: boolean): Promise<Attendee[]> {
    const participants = await this.programs.activeParticipants(item.programId, manager);
    const known = new Map(participants.map((p) => [p.participantId, p]));
    if (validate) {
      const problems = [
        ...item.participantIds.flatMap((id, i) => (known.has(id) ? [] : [{ field: `attendees.participantIds.${i}`, messages: [`${id} is not a participant of program ${item.programId}`] }])),
        ...item.interpreterIds.flatMap((id, i) => (known.has(id) ? [] : [{ field: `attendees.interpreterIds.${i}`, messages: [`${id} is not a participant of program ${item.programId}`] }])),
      ];
      if (problems.length > 0) throw new RequestValidationError(problems);
    }
    const roles = new Map<string, Attendee['role']>();
    if (item.wholeDelegation) for (const p of participants) roles.set(p.participantId, p.role === 'interpreter' ? 'interpreter' : 'participant');
    for (const id of item.participantIds) if (known.has(id)) roles.set(id, 'participant');
    for (const id of item.interpreterIds) if (known.has(id)) roles.set(id, 'interpreter');
    return [...roles.entries()].map(([participantId, role]) => ({ participantId, role })).sort((a, b) => a.participantId.localeCompare(b.participantId));
  }
}
