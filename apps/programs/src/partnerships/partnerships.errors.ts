import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@diplomacy/service-kit';

export enum PartnershipErrorCode {
  NotFound = 'partnership-not-found',
  Duplicate = 'partnership-exists',
  ManagedElsewhere = 'partnership-managed-elsewhere',
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

/**
 * 403: the caller's organisation is a partner (it maintains one of the two associations) and
 * so sees the partnership, but only the managing organisation changes it. Not a 404: the
 * caller already knows it exists.
 */
export class PartnershipManagedElsewhereError extends DomainError {
  readonly code = PartnershipErrorCode.ManagedElsewhere;
  readonly status = HttpStatus.FORBIDDEN;

  constructor(id: string) {
    super(`Partnership ${id} is managed by the partner organisation; ask them to change it`);
  }
}
