import { createHash } from 'node:crypto';
import type { CommunityEventSnapshotV1, CommunityEventUpdatableField } from '@diplomacy/contracts';
import type { BookingConflict } from '../itinerary/agenda-item.entity';

/** Where a (community event, program) link stands; stored in community_event_links.state. */
export type LinkState = 'linked' | 'unlinked' | 'event-cancelled' | 'program-not-known' | 'program-cancelled';

export interface LinkFacts {
  state: LinkState;
  eventVersion: number;
  /** The item standing for the event on the program's itinerary, if there is one. */
  item: { status: 'tentative' | 'confirmed' | 'cancelled' } | null;
}

/**
 * What to do for one linked program when a snapshot of the event arrives:
 * - `schedule`: put a new item on the itinerary;
 * - `move`: reschedule the existing item (times, zone or venue changed);
 * - `record`: nothing changes on the itinerary (the event changed in ways an item does not show,
 *   or a coordinator cancelled the item: a cancelled item stays cancelled), only the link's version;
 * - `stale`: an older or repeated version, ignore;
 * - `await-program`: scheduling has not heard of the program yet (its program.created is on
 *   another topic and may come later): keep the snapshot and schedule when it arrives;
 * - `program-cancelled`: the program's itinerary takes no new items.
 */
export type LinkDecision = 'schedule' | 'move' | 'record' | 'stale' | 'await-program' | 'program-cancelled';

/** Fields whose change moves the item; the others (capacity, registration window…) do not show on an itinerary. */
export const MOVING_FIELDS: readonly CommunityEventUpdatableField[] = ['startsAt', 'endsAt', 'timeZone', 'venue'];

const NOTES_MAX = 4000;
const REASON_MAX = 1000;

/**
 * How a community event becomes an agenda item (issue 5: "an event linked to a program
 * appears on its itinerary and follows changes"). Plain rules, no I/O.
 */
export class CommunityEventItemPolicy {
  /**
   * @param changedFields null for event.published (everything is new); the event's list for event.updated.
   * @param program the program as scheduling knows it, or null when it does not know it yet.
   */
  static decide(link: LinkFacts | null, incomingVersion: number, changedFields: readonly string[] | null, program: { status: string } | null): LinkDecision {
    // A link waiting for its program keeps the snapshot it was given, at that version: replaying it is not stale.
    if (link && link.state !== 'program-not-known' && link.eventVersion >= incomingVersion) return 'stale';
    if (link && link.state === 'program-not-known' && link.eventVersion > incomingVersion) return 'stale';
    if (!program) return 'await-program';
    const live = link?.state === 'linked' && link.item !== null;
    if (!live) return program.status === 'cancelled' ? 'program-cancelled' : 'schedule';
    if (link.item?.status === 'cancelled') return 'record';
    if (changedFields === null || changedFields.some((field) => (MOVING_FIELDS as readonly string[]).includes(field))) return 'move';
    return 'record';
  }

  /** A booked community event is confirmed (its organiser linked the program); a recorded-but-unbooked one is tentative. */
  static statusFor(booked: boolean): 'confirmed' | 'tentative' {
    return booked ? 'confirmed' : 'tentative';
  }

  static itemFields(event: CommunityEventSnapshotV1): { title: string; startsAt: Date; endsAt: Date; timeZone: string; notes: string } {
    return {
      title: event.title,
      startsAt: new Date(event.startsAt),
      endsAt: new Date(event.endsAt),
      timeZone: event.timeZone,
      notes: CommunityEventItemPolicy.notes(event),
    };
  }

  /** The address travels in the notes too: the contract's structured venue address cannot hold a free-text one. */
  static notes(event: CommunityEventSnapshotV1): string {
    const lines = [
      `Community event (${event.kind}) hosted by ${[event.organisationId, ...event.coHostOrganisationIds].join(', ')}.`,
      `Venue: ${event.venue.name}, ${event.venue.address}.`,
      ...(event.description ? [event.description] : []),
      `Community event id: ${event.eventId}`,
    ];
    const text = lines.join('\n');
    return text.length <= NOTES_MAX ? text : `${text.slice(0, NOTES_MAX - 1)}…`;
  }

  /**
   * The venue as a bookable resource. Its id is derived from name, address and zone, so
   * two community events at the same hall share one venue (no travel buffer between
   * them) and a moved event gets another venue id (the change shows in before/after).
   * Shared, never exclusive and without capacity: several delegations and the public
   * attend one community event; its seats are counted by the community-events service.
   * Resources belong to an organisation, so the organisation is part of the id: two councils
   * using the same hall each get their own venue row and never see each other's.
   */
  static venue(event: Pick<CommunityEventSnapshotV1, 'venue' | 'timeZone' | 'organisationId'>): { id: string; organisationId: string; name: string; streetAddress: string; timeZone: string } {
    return { id: CommunityEventItemPolicy.venueId(event), organisationId: event.organisationId, name: event.venue.name, streetAddress: event.venue.address, timeZone: event.timeZone };
  }

  static venueId(event: Pick<CommunityEventSnapshotV1, 'venue' | 'timeZone' | 'organisationId'>): string {
    const hex = createHash('sha256')
      .update(`community-event-venue\n${event.organisationId}\n${event.venue.name.trim()}\n${event.venue.address.trim()}\n${event.timeZone}`)
      .digest('hex');
    // RFC 4122 layout: version 5 (name-based), variant 10xx.
    const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  static reasonLinked(event: Pick<CommunityEventSnapshotV1, 'title'>): string {
    return clip(`Community event "${event.title}" linked to the program`);
  }

  static reasonMoved(event: Pick<CommunityEventSnapshotV1, 'title'>, changedFields: readonly string[] | null): string {
    const moved = (changedFields ?? MOVING_FIELDS).filter((f) => (MOVING_FIELDS as readonly string[]).includes(f));
    return clip(`Community event "${event.title}" changed (${moved.join(', ')})`);
  }

  static reasonUnbooked(base: string, conflict: BookingConflict): string {
    const other = conflict.conflictingItemId ? ` with item ${conflict.conflictingItemId}` : '';
    return clip(`${base}; recorded as tentative and not booked for anyone: ${conflict.rule}${other}. Move the other item or re-save this item's attendees to book it`);
  }

  static reasonUnlinked(title: string): string {
    return clip(`The program was unlinked from community event "${title}"`);
  }

  static reasonCancelled(reason: string): string {
    return clip(`Community event cancelled: ${reason}`);
  }
}

function clip(text: string): string {
  return text.length <= REASON_MAX ? text : `${text.slice(0, REASON_MAX - 1)}…`;
}
