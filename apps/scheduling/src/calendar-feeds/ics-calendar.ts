import ical, { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import type { AgendaItemStateV1, ScheduleContactV1 } from '@diplomacy/contracts';
import { vtimezone } from './vtimezone';

export interface FeedItem {
  state: AgendaItemStateV1;
  resourceContact: ScheduleContactV1 | null;
  lastModified: Date;
}

const STATUS: Record<AgendaItemStateV1['status'], ICalEventStatus> = {
  tentative: ICalEventStatus.TENTATIVE,
  confirmed: ICalEventStatus.CONFIRMED,
  cancelled: ICalEventStatus.CANCELLED,
};

/** The same item keeps the same UID forever, so a subscribed calendar updates it instead of adding a copy. */
export const uidOf = (itemId: string): string => `${itemId}@scheduling.citizen-diplomacy.example`;

function location(state: AgendaItemStateV1): string | null {
  if (!state.venue) return null;
  const a = state.venue.address;
  return [state.venue.name, a?.line1, a?.city, a?.region, a?.postalCode, a?.country].filter(Boolean).join(', ');
}

function description(item: FeedItem): string {
  const { state, resourceContact } = item;
  const contact = resourceContact ? [resourceContact.name, resourceContact.role, resourceContact.email, resourceContact.phone].filter(Boolean).join(', ') : null;
  return [
    `Kind: ${state.kind}`,
    state.resource ? `With: ${state.resource.name}` : null,
    contact ? `Contact: ${contact}` : null,
    state.status === 'cancelled' ? `Cancelled: ${state.cancellationReason}` : null,
    state.notes,
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * An iCalendar feed written by ical-generator. Each event's times are local times in
 * the item's own zone (DTSTART;TZID=...) with a VTIMEZONE per zone, so a subscriber
 * in another zone still sees the right instant; SEQUENCE is the item's version, and a
 * cancelled item stays in the feed with STATUS:CANCELLED so calendars remove it.
 */
export function buildIcsCalendar(name: string, items: readonly FeedItem[]): string {
  const starts = items.map((i) => Date.parse(i.state.startsAt));
  const ends = items.map((i) => Date.parse(i.state.endsAt));
  const from = starts.length ? Math.min(...starts) : Date.now();
  const to = ends.length ? Math.max(...ends) : Date.now();
  const calendar = ical({
    name,
    prodId: { company: 'citizen-diplomacy', product: 'scheduling', language: 'EN' },
    // Subscribers refresh at least hourly; Google and Outlook read this hint.
    ttl: 3600,
    timezone: { name: null, generator: (zone) => vtimezone(zone, from, to) },
  });
  for (const item of items) {
    const { state } = item;
    calendar.createEvent({
      id: uidOf(state.itemId),
      sequence: state.version,
      start: DateTime.fromISO(state.startsAt).setZone(state.timeZone),
      end: DateTime.fromISO(state.endsAt).setZone(state.timeZone),
      timezone: state.timeZone,
      stamp: item.lastModified,
      lastModified: item.lastModified,
      summary: state.title,
      location: location(state),
      description: description(item),
      status: STATUS[state.status],
    });
  }
  return calendar.toString();
}
