import { DateTime } from 'luxon';
import type { AgendaItemStateV1 } from '@diplomacy/contracts';

export interface ItineraryEntry {
  item: AgendaItemStateV1;
  /** HH:mm in the item's zone. */
  localStartTime: string;
  localEndTime: string;
  /** Local date the item ends on, when it is not the day it starts (overnight travel). */
  localEndDate: string | null;
  /** e.g. -05:00: tells 01:30 CDT from 01:30 CST on a fall-back night. */
  utcOffset: string;
  /** Minutes from the end of the previous item that day, when both have venues and they differ. */
  minutesSincePreviousItem: number | null;
}

export interface ItineraryDay {
  /** yyyy-MM-dd in the zone where the day's items happen. */
  date: string;
  /** The zones the day's items happen in, in order of first appearance (two on a travel day). */
  timeZones: string[];
  entries: ItineraryEntry[];
}

/**
 * Groups items by the local date where each happens. Instants are stored in UTC, but
 * a person lives a day in the venue's zone: a 21:00 dinner in Los Angeles is on the
 * 9th there although it is the 10th in UTC. Within a day, items are in time order.
 */
export class DayByDayItinerary {
  static build(items: readonly AgendaItemStateV1[]): ItineraryDay[] {
    const sorted = [...items].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.itemId.localeCompare(b.itemId));
    const days = new Map<string, ItineraryDay>();
    for (const item of sorted) {
      const start = DateTime.fromISO(item.startsAt, { zone: item.timeZone });
      const end = DateTime.fromISO(item.endsAt, { zone: item.timeZone });
      const date = start.toFormat('yyyy-LL-dd');
      const day = days.get(date) ?? { date, timeZones: [], entries: [] };
      if (!day.timeZones.includes(item.timeZone)) day.timeZones.push(item.timeZone);
      const previous = [...day.entries].reverse().find((entry) => entry.item.status !== 'cancelled');
      const gap =
        previous && item.status !== 'cancelled' && previous.item.venue && item.venue && previous.item.venue.venueId !== item.venue.venueId
          ? Math.round((Date.parse(item.startsAt) - Date.parse(previous.item.endsAt)) / 60_000)
          : null;
      day.entries.push({
        item,
        localStartTime: start.toFormat('HH:mm'),
        localEndTime: end.toFormat('HH:mm'),
        localEndDate: end.toFormat('yyyy-LL-dd') !== date ? end.toFormat('yyyy-LL-dd') : null,
        utcOffset: start.toFormat('ZZ'),
        minutesSincePreviousItem: gap,
      });
      days.set(date, day);
    }
    return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
  }
}
