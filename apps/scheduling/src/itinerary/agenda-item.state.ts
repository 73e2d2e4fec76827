import type { AgendaItemStateV1, ScheduleContactV1 } from '@diplomacy/contracts';
import type { ResourceEntity } from '../resources/resource.entity';
import type { AgendaItemEntity } from './agenda-item.entity';
import type { Attendee } from './agenda-item.repository';

/** The item as events and responses show it: attendees resolved, venue and resource named. */
export function agendaItemState(item: AgendaItemEntity, attendees: readonly Attendee[], venue: ResourceEntity | null, resource: ResourceEntity | null): AgendaItemStateV1 {
  const ids = (role: Attendee['role']) => attendees.filter((a) => a.role === role).map((a) => a.participantId).sort();
  return {
    itemId: item.id,
    programId: item.programId,
    kind: item.kind,
    title: item.title,
    status: item.status,
    startsAt: item.startsAt.toISOString(),
    endsAt: item.endsAt.toISOString(),
    timeZone: item.timeZone,
    venue: venue ? { venueId: venue.id, name: venue.name, address: venue.address, capacity: venue.capacity } : null,
    resource: resource ? { resourceId: resource.id, name: resource.name } : null,
    attendees: { wholeDelegation: item.wholeDelegation, participantIds: ids('participant'), interpreterIds: ids('interpreter') },
    notes: item.notes,
    travelBufferMinutes: item.effectiveBufferMinutes,
    outsideProgramDates: item.outsideProgramDates,
    cancellationReason: item.cancellationReason,
    version: item.version,
  };
}

/** Who to tell about a change: everyone attending before or after it. */
export function affectedParticipants(before: AgendaItemStateV1 | null, after: AgendaItemStateV1): string[] {
  const all = [before, after].flatMap((state) => (state ? [...state.attendees.participantIds, ...state.attendees.interpreterIds] : []));
  return [...new Set(all)].sort();
}

/** The contact at the resource organisation the item is with, or else at its venue. */
export function resourceContact(venue: ResourceEntity | null, resource: ResourceEntity | null): ScheduleContactV1 | null {
  return resource?.contact ?? venue?.contact ?? null;
}
