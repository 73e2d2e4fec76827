import { HttpStatus } from '@nestjs/common';
import type { RegistrationStatus } from '@diplomacy/contracts';
import { DomainError } from '@diplomacy/service-kit';
import type { RegistrationRefusal } from './registration-admission.policy';

export enum RegistrationErrorCode {
  NotFound = 'registration-not-found',
  Closed = 'registration-closed',
  Ended = 'registration-ended',
  NotEnoughSeats = 'registration-not-enough-seats',
  OfferNotPending = 'registration-offer-not-pending',
  OfferExpired = 'registration-offer-expired',
  AlreadyCheckedIn = 'registration-already-checked-in',
}

/** Unknown link or registration; the same answer for both, so links cannot be probed. */
export class RegistrationNotFoundError extends DomainError {
  readonly code = RegistrationErrorCode.NotFound;
  readonly status = HttpStatus.NOT_FOUND;

  constructor() {
    super('No registration matches this link');
  }
}

export class RegistrationClosedError extends DomainError {
  readonly code = RegistrationErrorCode.Closed;
  readonly status = HttpStatus.CONFLICT;

  constructor(reason: Exclude<RegistrationRefusal, 'party-too-large'>) {
    super(
      {
        'not-published': 'The event is not open for registration',
        'not-open-yet': 'Registration has not opened yet',
        closed: 'Registration has closed',
      }[reason],
    );
    this.extensions['reason'] = reason;
  }
}

export class RegistrationEndedError extends DomainError {
  readonly code = RegistrationErrorCode.Ended;
  readonly status = HttpStatus.CONFLICT;

  constructor(status: RegistrationStatus) {
    super(`The registration is ${status} and can no longer change`);
    this.extensions['registrationStatus'] = status;
  }
}

export class NotEnoughSeatsError extends DomainError {
  readonly code = RegistrationErrorCode.NotEnoughSeats;
  readonly status = HttpStatus.CONFLICT;

  constructor(requested: number, available: number) {
    super(`${requested} more seat(s) requested, ${available} available`);
    this.extensions['seatsAvailable'] = available;
  }
}

export class OfferNotPendingError extends DomainError {
  readonly code = RegistrationErrorCode.OfferNotPending;
  readonly status = HttpStatus.CONFLICT;

  constructor(status: RegistrationStatus) {
    super(`There is no seat offer to claim: the registration is ${status}`);
    this.extensions['registrationStatus'] = status;
  }
}

export class OfferExpiredError extends DomainError {
  readonly code = RegistrationErrorCode.OfferExpired;
  readonly status = HttpStatus.CONFLICT;

  constructor(deadline: Date) {
    super(`The seat offer expired at ${deadline.toISOString()}`);
  }
}

export class AlreadyCheckedInError extends DomainError {
  readonly code = RegistrationErrorCode.AlreadyCheckedIn;
  readonly status = HttpStatus.CONFLICT;

  constructor() {
    super('The party has already checked in; its size can no longer change');
  }
}
