import { HttpStatus } from '@nestjs/common';
import type { CommunityEventStatus } from '@diplomacy/contracts';
import { DomainError } from '@diplomacy/service-kit';

export enum CommunityEventErrorCode {
  NotFound = 'community-event-not-found',
  VersionRequired = 'community-event-version-required',
  VersionStale = 'community-event-version-stale',
  StatusTransition = 'community-event-status-transition',
  NotEditable = 'community-event-not-editable',
  CapacityBelowSeats = 'community-event-capacity-below-seats',
}

export class CommunityEventNotFoundError extends DomainError {
  readonly code = CommunityEventErrorCode.NotFound;
  readonly status = HttpStatus.NOT_FOUND;

  constructor(id: string) {
    super(`Community event ${id} does not exist`);
  }
}

/** 428: an update must say which version it read, or it could silently overwrite someone else's change. */
export class CommunityEventVersionRequiredError extends DomainError {
  readonly code = CommunityEventErrorCode.VersionRequired;
  readonly status = HttpStatus.PRECONDITION_REQUIRED;

  constructor() {
    super('Send If-Match with the version (ETag) you read');
  }
}

export class CommunityEventVersionStaleError extends DomainError {
  readonly code = CommunityEventErrorCode.VersionStale;
  readonly status = HttpStatus.PRECONDITION_FAILED;

  constructor(expected: number, current: number) {
    super(`The event changed since version ${expected}; it is now at version ${current}`);
    this.extensions['currentVersion'] = current;
  }
}

export class CommunityEventStatusTransitionError extends DomainError {
  readonly code = CommunityEventErrorCode.StatusTransition;
  readonly status = HttpStatus.CONFLICT;

  constructor(from: CommunityEventStatus, to: CommunityEventStatus, allowed: readonly CommunityEventStatus[]) {
    super(`A ${from} event cannot become ${to}`);
    this.extensions['allowedTransitions'] = allowed;
  }
}

export class CommunityEventNotEditableError extends DomainError {
  readonly code = CommunityEventErrorCode.NotEditable;
  readonly status = HttpStatus.CONFLICT;

  constructor(status: CommunityEventStatus) {
    super(`A ${status} event can no longer change`);
  }
}

export class CapacityBelowSeatsError extends DomainError {
  readonly code = CommunityEventErrorCode.CapacityBelowSeats;
  readonly status = HttpStatus.CONFLICT;

  constructor(capacity: number, seatsTaken: number) {
    super(`Capacity ${capacity} is below the ${seatsTaken} seats already held; cancel registrations first`);
    this.extensions['seatsTaken'] = seatsTaken;
  }
}
