import { ValidateBy, ValidateIf, buildMessage } from 'class-validator';
import type { ValidationOptions } from 'class-validator';
import { CalendarDate, IanaTimeZone, LanguageTag } from './field-formats';

export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIanaTimeZone',
      validator: {
        validate: (value) => IanaTimeZone.isValid(value),
        defaultMessage: buildMessage((each) => `${each}$property must be an IANA time zone such as America/Chicago`, options),
      },
    },
    options,
  );
}

export function IsLanguageTag(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLanguageTag',
      validator: {
        validate: (value) => LanguageTag.isValid(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a BCP 47 language tag such as en or pt-BR`, options),
      },
    },
    options,
  );
}

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => CalendarDate.isValid(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a date as YYYY-MM-DD`, options),
      },
    },
    options,
  );
}

/**
 * For partial updates: the field may be left out, but `null` is validated like
 * any other value. `@IsOptional()` would let `{"title": null}` through to a
 * NOT NULL column and turn a client mistake into a 500.
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}
