import { Matches, ValidateIf, registerDecorator } from 'class-validator';
import type { ValidationOptions } from 'class-validator';
import { CommunityEventRules } from '../community-event.rules';

/** An ISO-8601 instant with an explicit offset: a local time without one is ambiguous across time zones. */
export const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, property) => {
    Matches(INSTANT_PATTERN, { message: `${String(property)} must be an ISO-8601 instant with an offset, e.g. 2027-03-09T18:00:00-06:00`, ...options })(target, property);
    registerDecorator({
      name: 'isRealInstant',
      target: target.constructor,
      propertyName: property as string,
      options: { message: `${String(property)} is not a real date and time`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && !Number.isNaN(Date.parse(value)) && sameCalendarDay(value) },
    });
  };
}

/**
 * Date.parse rolls 2027-02-30 over to March; the written day must survive the round trip.
 * Years are kept to 1970–9999 so Postgres never sees a value it would refuse with a 500.
 */
function sameCalendarDay(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  if (year < 1970 || year > 9999) return false;
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName: property as string,
      options: { message: `${String(property)} must be an IANA time zone such as America/Chicago`, ...options },
      validator: { validate: (value: unknown) => CommunityEventRules.isTimeZone(value) },
    });
}

/** Optional in a PATCH, but null is refused: the field cannot be cleared. */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}
