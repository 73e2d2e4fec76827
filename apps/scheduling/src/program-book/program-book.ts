import { DateTime } from 'luxon';
import type { AgendaItemStateV1, ScheduleAddressV1, ScheduleContactV1 } from '@diplomacy/contracts';
import type { BookingConflict } from '../itinerary/agenda-item.entity';
import type { ItineraryDay } from '../itinerary/day-by-day-itinerary';

/** What the book needs about a venue or resource besides what the item state carries. */
export interface PlaceDetails {
  address: ScheduleAddressV1 | null;
  streetAddress: string | null;
  contact: ScheduleContactV1 | null;
}

export interface TravelNote {
  fromVenue: string;
  toVenue: string;
  /** Estimated travel time in minutes (see TravelEstimate). */
  estimateMinutes: number;
  /** Time actually free between the two items. */
  gapMinutes: number;
  /** The gap is shorter than the estimate. */
  tight: boolean;
  /** The venues are in different cities: the estimate is a floor, the itinerary needs a travel leg. */
  differentCity: boolean;
}

export interface BookEntry {
  time: string;
  title: string;
  kind: string;
  status: string;
  venue: string | null;
  address: string | null;
  contact: string | null;
  with: string | null;
  attendees: string;
  notes: string | null;
  travelBefore: TravelNote | null;
  unbooked: string | null;
}

export interface BookDay {
  heading: string;
  date: string;
  entries: BookEntry[];
}

export interface ProgramBookModel {
  title: string;
  subtitle: string;
  generatedAt: string;
  days: BookDay[];
}

export interface ProgramBookInput {
  programTitle: string;
  startDate: string;
  endDate: string;
  participantName: string | null;
  days: readonly ItineraryDay[];
  /** Venue and resource details by id. */
  places: ReadonlyMap<string, PlaceDetails>;
  /** Names of participants by id, for small attendee lists. */
  people: ReadonlyMap<string, string>;
  bookingConflicts: ReadonlyMap<string, BookingConflict>;
  generatedAt: Date;
}

/**
 * Travel time between two consecutive items at different venues. Scheduling has no
 * map data, so the estimate is what the itinerary itself reserves for that journey:
 * the larger of the two items' travel buffers (each item's buffer is the coordinator's
 * estimate of the travel time to or from that place; default DEFAULT_TRAVEL_BUFFER_MINUTES),
 * exactly the gap the travel-buffer rule guarantees a participant. Venues in different
 * cities are marked: a buffer is not a journey between cities, a travel leg is.
 */
export class TravelEstimate {
  static between(previous: AgendaItemStateV1, next: AgendaItemStateV1, places: ReadonlyMap<string, PlaceDetails>): TravelNote | null {
    if (!previous.venue || !next.venue || previous.venue.venueId === next.venue.venueId) return null;
    const estimateMinutes = Math.max(previous.travelBufferMinutes, next.travelBufferMinutes);
    const gapMinutes = Math.round((Date.parse(next.startsAt) - Date.parse(previous.endsAt)) / 60_000);
    const cityOf = (venueId: string) => places.get(venueId)?.address?.city?.trim().toLowerCase() ?? null;
    const [a, b] = [cityOf(previous.venue.venueId), cityOf(next.venue.venueId)];
    return { fromVenue: previous.venue.name, toVenue: next.venue.name, estimateMinutes, gapMinutes, tight: gapMinutes < estimateMinutes, differentCity: !!a && !!b && a !== b };
  }
}

export function formatAddress(place: PlaceDetails | undefined): string | null {
  if (!place) return null;
  if (place.address) {
    const { line1, city, region, postalCode, country } = place.address;
    return [line1, city, [region, postalCode].filter(Boolean).join(' '), country].filter((part) => part && part.length > 0).join(', ');
  }
  return place.streetAddress;
}

export function formatContact(contact: ScheduleContactV1 | null | undefined): string | null {
  if (!contact) return null;
  const who = contact.role ? `${contact.name} (${contact.role})` : contact.name;
  return [who, contact.phone, contact.email].filter(Boolean).join(' · ');
}

const KIND_LABELS: Record<string, string> = {
  'resource-meeting': 'Meeting',
  'site-visit': 'Site visit',
  'ride-along': 'Ride-along',
  'workshop-panel': 'Workshop / panel',
  'cultural-activity': 'Cultural activity',
  'home-hospitality': 'Home hospitality',
  'community-event': 'Community event',
  'travel-leg': 'Travel',
  'free-time': 'Free time',
};

/**
 * The printable program book as data: each local day's items with times in the zone
 * where they happen, the address and contact of each, and the travel between
 * consecutive items at different venues. Rendering (pdfkit) is separate.
 */
export class ProgramBook {
  static build(input: ProgramBookInput): ProgramBookModel {
    const range = `${DateTime.fromISO(input.startDate).toFormat('d LLLL yyyy')} – ${DateTime.fromISO(input.endDate).toFormat('d LLLL yyyy')}`;
    return {
      title: input.programTitle,
      subtitle: input.participantName ? `Itinerary for ${input.participantName} · ${range}` : `Program itinerary · ${range}`,
      generatedAt: `Generated ${DateTime.fromJSDate(input.generatedAt, { zone: 'UTC' }).toFormat("yyyy-LL-dd HH:mm 'UTC'")} from the current itinerary`,
      days: input.days.map((day) => ({
        date: day.date,
        heading: DateTime.fromISO(day.date).toFormat('cccc d LLLL yyyy'),
        entries: day.entries.map((entry, index) => {
          const item = entry.item;
          const previous = index > 0 ? day.entries[index - 1].item : null;
          const zone = DateTime.fromISO(item.startsAt, { zone: item.timeZone }).toFormat('ZZZZ');
          const venuePlace = item.venue ? input.places.get(item.venue.venueId) : undefined;
          const resourcePlace = item.resource ? input.places.get(item.resource.resourceId) : undefined;
          const conflict = input.bookingConflicts.get(item.itemId);
          return {
            time: `${entry.localStartTime}–${entry.localEndTime}${entry.localEndDate ? ` (${entry.localEndDate})` : ''} ${zone}`,
            title: item.title,
            kind: KIND_LABELS[item.kind] ?? item.kind,
            status: item.status,
            venue: item.venue?.name ?? null,
            address: formatAddress(venuePlace ?? resourcePlace),
            contact: formatContact(resourcePlace?.contact ?? venuePlace?.contact),
            with: item.resource?.name ?? null,
            attendees: ProgramBook.attendees(item, input.people),
            notes: item.notes,
            travelBefore: previous ? TravelEstimate.between(previous, item, input.places) : null,
            unbooked: conflict ? `Not booked yet: ${conflict.rule}${conflict.conflictingItemId ? ` with item ${conflict.conflictingItemId}` : ''}` : null,
          };
        }),
      })),
    };
  }

  private static attendees(item: AgendaItemStateV1, people: ReadonlyMap<string, string>): string {
    const ids = item.attendees.participantIds;
    const interpreters = item.attendees.interpreterIds.length ? ` + ${item.attendees.interpreterIds.length} interpreter(s)` : '';
    if (item.attendees.wholeDelegation) return `Whole delegation (${ids.length})${interpreters}`;
    if (ids.length <= 4) return `${ids.map((id) => people.get(id) ?? id).join(', ') || 'Interpreters only'}${interpreters}`;
    return `${ids.length} participants${interpreters}`;
  }
}
