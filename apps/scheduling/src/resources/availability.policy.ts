import { DateTime } from 'luxon';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A recurring window in the resource's own zone, e.g. weekday mornings: mon–fri 08:00–12:00. */
export interface AvailabilityWindow {
  days: Weekday[];
  /** HH:mm, local wall-clock time. */
  from: string;
  /** HH:mm, local wall-clock time, after `from`; 24:00 means end of day. */
  to: string;
}

export interface AvailabilityVerdict {
  available: boolean;
  /** The item as the resource sees it, for the error message. */
  localStart: string;
  localEnd: string;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/**
 * Whether an item fits a resource's availability windows. The windows are wall-clock
 * times where the resource is, so the item's instants are converted to that zone
 * first: "weekday mornings in Kansas City" stays 08:00–12:00 local on both sides of a
 * DST change, while its UTC equivalent moves by an hour.
 *
 * The whole item must sit inside one window on one local day. No windows means
 * always available.
 */
export class AvailabilityPolicy {
  static check(resource: { timeZone: string; availability: readonly AvailabilityWindow[] }, startsAt: Date, endsAt: Date): AvailabilityVerdict {
    const start = DateTime.fromJSDate(startsAt, { zone: resource.timeZone });
    const end = DateTime.fromJSDate(endsAt, { zone: resource.timeZone });
    const verdict = { localStart: start.toFormat("ccc yyyy-LL-dd HH:mm ZZ"), localEnd: end.toFormat("ccc yyyy-LL-dd HH:mm ZZ") };
    if (resource.availability.length === 0) return { available: true, ...verdict };

    const day = WEEKDAYS[start.weekday - 1];
    const startMinute = start.hour * 60 + start.minute;
    // An end at local midnight of the next day counts as 24:00 of the start day.
    const endsNextMidnight = end.startOf('day').equals(start.startOf('day').plus({ days: 1 })) && end.hour === 0 && end.minute === 0;
    if (!end.hasSame(start, 'day') && !endsNextMidnight) return { available: false, ...verdict };
    const endMinute = endsNextMidnight ? 24 * 60 : end.hour * 60 + end.minute;

    const fits = resource.availability.some(
      (window) => window.days.includes(day) && startMinute >= minutesOf(window.from) && endMinute <= minutesOf(window.to),
    );
    return { available: fits, ...verdict };
  }

  /** Windows are well-formed when each has days and ends after it starts; returns the messages for the bad ones. */
  static problems(windows: readonly AvailabilityWindow[]): { index: number; message: string }[] {
    return windows.flatMap((window, index) =>
      minutesOf(window.to) > minutesOf(window.from) ? [] : [{ index, message: `availability.${index}.to must be after from` }],
    );
  }
}
