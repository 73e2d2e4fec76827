import { HttpStatus } from '@nestjs/common';
import type { ProgramStatus } from '@diplomacy/contracts';
import { DomainError } from '@diplomacy/service-kit';

export enum ProgramErrorCode {
  NotFound = 'program-not-found',
  IllegalTransition = 'illegal-status-transition',
  Closed = 'program-closed',
}

export class ProgramNotFoundError extends DomainError {
  readonly code = ProgramErrorCode.NotFound;
  readonly status = HttpStatus.NOT_FOUND;

  constructor(id: string) {
    super(`Program ${id} does not exist`);
  }
}

/** 409 that names where the program can go from here, so a client can offer exactly those. */
export class IllegalStatusTransitionError extends DomainError {
  readonly code = ProgramErrorCode.IllegalTransition;
  readonly status = HttpStatus.CONFLICT;

  constructor(from: ProgramStatus, to: ProgramStatus, allowed: readonly ProgramStatus[]) {
    super(`A ${from} program cannot become ${to}`);
    Object.assign(this.extensions, { currentStatus: from, requestedStatus: to, allowedTransitions: [...allowed] });
  }
}

/** Completed and cancelled programs are records of what happened; they are not edited. */
export class ProgramClosedError extends DomainError {
  readonly code = ProgramErrorCode.Closed;
  readonly status = HttpStatus.CONFLICT;

  constructor(id: string, status: ProgramStatus) {
    super(`Program ${id} is ${status} and can no longer be changed`);
    Object.assign(this.extensions, { currentStatus: status });
  }
}
