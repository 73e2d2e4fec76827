/**
 * Formats the programs API accepts, as plain functions so the rules are unit
 * tested once and shared by the DTO decorators.
 */
export class IanaTimeZone {
  private static readonly canonical = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

  /**
   * An IANA zone name such as `America/Chicago`. Intl alone is too lenient: it
   * also takes offsets (`+01:00`) and any casing (`america/chicago`), which
   * other services' time libraries would not read back.
   */
  static isValid(value: unknown): value is string {
    if (typeof value !== 'string' || value.length > 64) return false;
    if (IanaTimeZone.canonical.has(value)) return true;
    // Links such as `Asia/Calcutta` are real IANA names that Intl lists under their canonical name.
    if (!/^[A-Z][A-Za-z_-]*(\/[A-Z0-9][A-Za-z0-9_+-]*)+$/.test(value)) return false;
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }
}

export class LanguageTag {
  /** A well-formed BCP 47 tag (`en`, `pt-BR`, `zh-Hant-TW`). */
  static isValid(value: unknown): value is string {
    if (typeof value !== 'string' || value.length === 0 || value.length > 35) return false;
    try {
      return Intl.getCanonicalLocales(value).length === 1;
    } catch {
      return false;
    }
  }
}

export class CalendarDate {
  /** `YYYY-MM-DD` naming a day that exists (no 30 February). */
  static isValid(value: unknown): value is string {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }
}
