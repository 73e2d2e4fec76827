import type { FieldError } from '@diplomacy/service-kit';

/** The fields whose consistency depends on each other; each is the value after a create or update. */
export interface CommunityEventTimes {
  startsAt: Date;
  endsAt: Date;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
}

/** Rules that span several fields, so class-validator on one field cannot express them. */
export class CommunityEventRules {
  static check(times: CommunityEventTimes): FieldError[] {
    const errors: FieldError[] = [];
    if (times.endsAt.getTime() <= times.startsAt.getTime()) {
      errors.push({ field: 'endsAt', messages: ['endsAt must be after startsAt'] });
    }
    const { registrationOpensAt: opens, registrationClosesAt: closes } = times;
    if (opens && closes && closes.getTime() <= opens.getTime()) {
      errors.push({ field: 'registrationClosesAt', messages: ['registrationClosesAt must be after registrationOpensAt'] });
    }
    if (closes && closes.getTime() > times.endsAt.getTime()) {
      errors.push({ field: 'registrationClosesAt', messages: ['registrationClosesAt must not be after endsAt'] });
    }
    if (opens && opens.getTime() >= times.endsAt.getTime()) {
      errors.push({ field: 'registrationOpensAt', messages: ['registrationOpensAt must be before endsAt'] });
    }
    return errors;
  }

  /** Whether an IANA zone name is one this runtime knows (Intl throws a RangeError for anything else). */
  static isTimeZone(value: unknown): boolean {
    if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }
}
