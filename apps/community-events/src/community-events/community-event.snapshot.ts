import type { CommunityEventSnapshotV1 } from '@diplomacy/contracts';
import type { CommunityEventEntity } from './community-event.entity';

/** The event as `event.published` and `event.updated` carry it. */
export function communityEventSnapshot(event: CommunityEventEntity): CommunityEventSnapshotV1 {
  return {
    eventId: event.id,
    organisationId: event.organisationId,
    kind: event.kind,
    title: event.title,
    description: event.description,
    coHostOrganisationIds: event.coHostOrganisationIds,
    venue: { name: event.venueName, address: event.venueAddress },
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    timeZone: event.timeZone,
    capacity: event.capacity,
    maxPartySize: event.maxPartySize,
    registrationOpensAt: event.registrationOpensAt?.toISOString() ?? null,
    registrationClosesAt: event.registrationClosesAt?.toISOString() ?? null,
    visibility: event.visibility,
    status: event.status,
    programIds: event.programIds,
    version: event.version,
  };
}
