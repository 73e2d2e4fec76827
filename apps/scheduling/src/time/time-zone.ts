import { IANAZone } from 'luxon';
import { ValidateBy, buildMessage } from 'class-validator';
import type { ValidationOptions } from 'class-validator';

// Area/Location names (and UTC); luxon alone would also accept fixed offsets such as "+05:00",
// which carry no daylight-saving rules and so cannot render a future date correctly.
const IANA_NAME = /^(?:UTC|[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+)$/;

export function isIanaTimeZone(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 64 && IANA_NAME.test(value) && IANAZone.isValidZone(value);
}

/** class-validator decorator: an IANA time zone name the runtime's tz database knows. */
export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIanaTimeZone',
      validator: {
        validate: (value: unknown) => isIanaTimeZone(value),
        defaultMessage: buildMessage((prefix) => `${prefix}$property must be an IANA time zone such as America/Chicago`, options),
      },
    },
    options,
  );
}

// An instant must say where it is on the time line: a bare local time is ambiguous across DST.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export function isInstant(value: unknown): value is string {
  return typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value)) && roundTrips(value);
}

/** Rejects 2027-02-30T10:00Z, which Date.parse silently rolls over. */
function roundTrips(value: string): boolean {
  const [date] = value.split('T');
  const offset = /(Z|[+-]\d{2}:\d{2})$/.exec(value)?.[1] ?? 'Z';
  const shifted = new Date(Date.parse(value) + offsetMinutes(offset) * 60_000).toISOString().slice(0, 10);
  return shifted === date;
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number);
  return sign * (h * 60 + m);
}

/** class-validator decorator: an ISO 8601 instant with `Z` or an explicit offset. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => isInstant(value),
        defaultMessage: buildMessage((prefix) => `${prefix}$property must be an ISO 8601 instant with Z or an offset, e.g. 2027-03-08T15:00:00Z`, options),
      },
    },
    options,
  );
}
