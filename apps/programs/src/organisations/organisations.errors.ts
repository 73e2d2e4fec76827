import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@diplomacy/service-kit';

export enum OrganisationErrorCode {
  NotFound = 'organisation-not-found',
}

export class OrganisationNotFoundError extends DomainError {
  readonly code = OrganisationErrorCode.NotFound;
  readonly status = HttpStatus.NOT_FOUND;

  constructor(id: string) {
    super(`Organisation ${id} does not exist`);
  }
}
