import { Inject, Injectable } from '@nestjs/common';
import { COMMUNITY_EVENT_UPDATABLE_FIELDS, CommunityEventUpdated } from '@diplomacy/contracts';
import type { CommunityEventUpdatableField } from '@diplomacy/contracts';
import { UnitOfWork } from '@diplomacy/messaging';
import { RequestValidationError } from '@diplomacy/service-kit';
import { WaitlistPromoter } from '../../registrations/waitlist-promoter';
import type { CommunityEventEntity } from '../community-event.entity';
import { CommunityEventRepository } from '../community-event.repository';
import { CommunityEventRules } from '../community-event.rules';
import { communityEventSnapshot } from '../community-event.snapshot';
import { CommunityEventStatusPolicy } from '../community-event-status.policy';
import {
  CapacityBelowSeatsError,
  CommunityEventNotEditableError,
  CommunityEventNotFoundError,
  CommunityEventVersionRequiredError,
  CommunityEventVersionStaleError,
} from '../community-events.errors';
import type { UpdateCommunityEventDto } from '../dto/update-community-event.dto';

export interface UpdateCommunityEventCommand {
  id: string;
  /** The version from If-Match; undefined when the header was missing. */
  expectedVersion: number | undefined;
  changes: UpdateCommunityEventDto;
}

const instant = (value: string | null | undefined) => (value === undefined ? undefined : value === null ? null : new Date(value));

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return (a as Date | null)?.getTime() === (b as Date | null)?.getTime();
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Changes an event under optimistic concurrency. A published event announces the
 * change (`event.updated`, with the programs it was unlinked from); more capacity
 * promotes waiting parties in the same transaction.
 */
@Injectable()
export class UpdateCommunityEventUseCase {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(CommunityEventRepository) private readonly events: CommunityEventRepository,
    @Inject(WaitlistPromoter) private readonly promoter: WaitlistPromoter,
  ) {}

  async execute(command: UpdateCommunityEventCommand): Promise<CommunityEventEntity> {
    const { changes, expectedVersion } = command;
    if (expectedVersion === undefined) throw new CommunityEventVersionRequiredError();
    if (Object.values(changes).every((value) => value === undefined)) {
      throw new RequestValidationError([{ field: 'body', messages: ['name at least one field to change'] }]);
    }
    return this.unitOfWork.run(async (tx) => {
      const event = await this.events.lockById(tx.manager, command.id);
      if (!event) throw new CommunityEventNotFoundError(command.id);
      if (event.version !== expectedVersion) throw new CommunityEventVersionStaleError(expectedVersion, event.version);
      if (!CommunityEventStatusPolicy.isEditable(event.status)) throw new CommunityEventNotEditableError(event.status);

      const next: Partial<Record<CommunityEventUpdatableField, unknown>> = {
        title: changes.title,
        kind: changes.kind,
        description: changes.description,
        coHostOrganisationIds: changes.coHostOrganisationIds,
        venue: changes.venue && { name: changes.venue.name, address: changes.venue.address },
        startsAt: instant(changes.startsAt),
        endsAt: instant(changes.endsAt),
        timeZone: changes.timeZone,
        capacity: changes.capacity,
        maxPartySize: changes.maxPartySize,
        registrationOpensAt: instant(changes.registrationOpensAt),
        registrationClosesAt: instant(changes.registrationClosesAt),
        visibility: changes.visibility,
        programIds: changes.programIds,
        claimWindowHours: changes.claimWindowHours,
      };
      const current: Record<CommunityEventUpdatableField, unknown> = {
        ...event,
        venue: { name: event.venueName, address: event.venueAddress },
      };
      const changedFields = COMMUNITY_EVENT_UPDATABLE_FIELDS.filter((field) => next[field] !== undefined && !sameValue(next[field], current[field]));
      if (changedFields.length === 0) return event;

      const after = { ...event, ...Object.fromEntries(changedFields.map((f) => [f, next[f]])) } as CommunityEventEntity & { venue?: { name: string; address: string } };
      const errors = CommunityEventRules.check(after);
      if (errors.length > 0) throw new RequestValidationError(errors);
      if (after.capacity < event.seatsTaken) throw new CapacityBelowSeatsError(after.capacity, event.seatsTaken);

      const { venue, ...columns } = Object.fromEntries(changedFields.map((f) => [f, next[f]])) as Partial<CommunityEventEntity> & {
        venue?: { name: string; address: string };
      };
      const updated = await this.events.update(tx.manager, event.id, {
        ...columns,
        ...(venue ? { venueName: venue.name, venueAddress: venue.address } : {}),
        version: event.version + 1,
      });

      if (updated.status === 'published') {
        await tx.publish({
          definition: CommunityEventUpdated,
          key: updated.id,
          organisationId: updated.organisationId,
          payload: {
            ...communityEventSnapshot(updated),
            changedFields,
            unlinkedProgramIds: event.programIds.filter((id) => !updated.programIds.includes(id)),
          },
        });
      }
      if (updated.capacity > event.capacity) await this.promoter.promote(tx, updated, 'capacity-increased');
      return this.events.reload(tx.manager, updated.id);
    });
  }
}
