import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@diplomacy/service-kit';

export enum CheckInErrorCode {
  NotAllowed = 'check-in-not-allowed',
}

export class CheckInNotAllowedError extends DomainError {
  readonly code = CheckInErrorCode.NotAllowed;
  readonly status = HttpStatus.CONFLICT;

  constructor(why: string) {
    super(`Cannot check in: ${why}`);
  }
}
