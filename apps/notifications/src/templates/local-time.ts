import { DateTime } from 'luxon';

/**
 * Renders instants in the venue's time zone, in the reader's language, and names the
 * zone, so a visitor whose phone is still on home time reads the time that matters.
 */
export class LocalTimeFormatter {
  constructor(
    private readonly language: string,
    private readonly zone: string,
  ) {}

  private at(iso: string, zone = this.zone): DateTime {
    const value = DateTime.fromISO(iso, { zone });
    if (!value.isValid) throw new Error(`Cannot render ${iso} in ${zone}: ${value.invalidExplanation ?? value.invalidReason}`);
    return value.setLocale(this.language);
  }

  /** `Tue 14:00`: enough when the reader already knows the date, as in a change. */
  dayTime(iso: string, zone?: string): string {
    return this.at(iso, zone).toFormat('ccc HH:mm');
  }

  /** `Tue 9 Mar 14:00`. */
  dateTime(iso: string, zone?: string): string {
    return this.at(iso, zone).toFormat('ccc d LLL HH:mm');
  }

  /** `Tue 9 Mar`. */
  date(iso: string, zone?: string): string {
    return this.at(iso, zone).toFormat('ccc d LLL yyyy');
  }

  /** `America/Chicago (CST)`: the IANA name is unambiguous, the abbreviation is what people say. */
  zoneName(iso: string, zone = this.zone): string {
    return `${zone} (${DateTime.fromISO(iso, { zone }).setLocale('en-US').toFormat('ZZZZ')})`;
  }
}
