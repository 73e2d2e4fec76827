import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@diplomacy/service-kit';

export enum PartnershipErrorCode {
  NotFound = 'partnership-not-found',
  Duplicate = 'partnership-exists',
}

export class PartnershipNotFoundError extends DomainError {
  readonly code = PartnershipErrorCode.NotFound;
  readonly status = HttpStatus.NOT_FOUND;

  constructor(id: string) {
    super(`Partnership ${id} does not exist`);
  }
}

/** Two communities have one partnership; a second record of the same pair would split its history. */
export class DuplicatePartnershipError extends DomainError {
  readonly code = PartnershipErrorCode.Duplicate;
  readonly status = HttpStatus.CONFLICT;

  constructor(us: string, partner: string) {
    super(`${us} and ${partner} already have a partnership`);
  }
}
