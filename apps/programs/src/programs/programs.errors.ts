import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@diplomacy/service-kit';

export enum ProgramErrorCode {
  NotFound = 'program-not-found',
}

export class ProgramNotFoundError extends DomainError {
  readonly code = ProgramErrorCode.NotFound;
  readonly status = HttpStatus.NOT_FOUND;

  constructor(id: string) {
    super(`Program ${id} does not exist`);
  }
}
