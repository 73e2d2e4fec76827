import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@diplomacy/service-kit';
import type { ConflictRule } from './conflict-rules';

export enum ItineraryErrorCode {
  ItemNotFound = 'agenda-item-not-found',
  ProgramNotKnown = 'program-not-known',
  ProgramCancelled = 'program-cancelled',
  ResourceNotFound = 'resource-not-found',
  Conflict = 'itinerary-conflict',
  InvalidTransition = 'invalid-status-transition',
  StaleVersion = 'stale-version',
}

export class AgendaItemNotFoundError extends DomainError {
  readonly code = ItineraryErrorCode.ItemNotFound;
  readonly status = HttpStatus.NOT_FOUND;
  constructor(id: string) {
    super(`Agenda item ${id} does not exist`);
  }
}

export class ProgramNotKnownError extends DomainError {
  readonly code = ItineraryErrorCode.ProgramNotKnown;
  readonly status = HttpStatus.NOT_FOUND;
  constructor(programId: string) {
    // The programs service owns programs; this service knows one once its program.created has arrived.
    super(`Program ${programId} is not known to scheduling (yet): its program.created event has not arrived`);
  }
}

export class ProgramCancelledError extends DomainError {
  readonly code = ItineraryErrorCode.ProgramCancelled;
  readonly status = HttpStatus.CONFLICT;
  constructor(programId: string) {
    super(`Program ${programId} is cancelled; its itinerary takes no new items`);
  }
}

export class ResourceNotFoundError extends DomainError {
  readonly code = ItineraryErrorCode.ResourceNotFound;
  readonly status = HttpStatus.NOT_FOUND;
  constructor(id: string) {
    super(`Resource ${id} does not exist`);
  }
}

/** 409: the write would break a scheduling rule; names the rule and, when there is one, the item in the way. */
export class ItineraryConflictError extends DomainError {
  readonly code = ItineraryErrorCode.Conflict;
  readonly status = HttpStatus.CONFLICT;
  constructor(
    readonly rule: ConflictRule,
    message: string,
    details: { conflictingItemId?: string | null; participantId?: string | null; resourceId?: string | null; [key: string]: unknown },
  ) {
    super(message);
    Object.assign(this.extensions, { rule, conflictingItemId: null, ...details });
  }
}

export class InvalidStatusTransitionError extends DomainError {
  readonly code = ItineraryErrorCode.InvalidTransition;
  readonly status = HttpStatus.CONFLICT;
  constructor(from: string, action: string) {
    super(`An agenda item that is ${from} cannot be ${action}`);
    Object.assign(this.extensions, { currentStatus: from });
  }
}

/**
 * 412 with scheduling's own code (`stale-version`), which its clients already know; reading
 * If-Match and the 428 without it (`precondition-required`) are the shared ones (service-kit's IfMatch).
 */
export class StaleVersionError extends DomainError {
  readonly code = ItineraryErrorCode.StaleVersion;
  readonly status = HttpStatus.PRECONDITION_FAILED;
  constructor(expected: number, current: number) {
    super(`The agenda item changed since you read it: you sent version ${expected}, it is at ${current}`);
    Object.assign(this.extensions, { currentVersion: current });
  }
}
