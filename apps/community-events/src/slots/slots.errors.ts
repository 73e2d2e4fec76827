import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@diplomacy/service-kit';

export enum SlotErrorCode {
  NotFound = 'slot-not-found',
  LabelTaken = 'slot-label-taken',
  Full = 'slot-full',
  NotClaimable = 'slot-not-claimable',
  EventClosed = 'slot-event-closed',
}

export class SlotNotFoundError extends DomainError {
  readonly code = SlotErrorCode.NotFound;
  readonly status = HttpStatus.NOT_FOUND;

  constructor(id: string) {
    super(`Sign-up slot ${id} does not exist for this event`);
  }
}

export class SlotLabelTakenError extends DomainError {
  readonly code = SlotErrorCode.LabelTaken;
  readonly status = HttpStatus.CONFLICT;

  constructor(label: string) {
    super(`The event already has a slot called "${label}"`);
  }
}

export class SlotFullError extends DomainError {
  readonly code = SlotErrorCode.Full;
  readonly status = HttpStatus.CONFLICT;

  constructor(label: string, remaining: number) {
    super(`"${label}" has ${remaining} left`);
    this.extensions['remaining'] = remaining;
  }
}

export class SlotNotClaimableError extends DomainError {
  readonly code = SlotErrorCode.NotClaimable;
  readonly status = HttpStatus.CONFLICT;

  constructor(status: string) {
    super(`Only confirmed registrations sign up for slots; this one is ${status}`);
  }
}

export class SlotEventClosedError extends DomainError {
  readonly code = SlotErrorCode.EventClosed;
  readonly status = HttpStatus.CONFLICT;

  constructor(status: string) {
    super(`The event is ${status}; its slots no longer change`);
  }
}
