import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@diplomacy/service-kit';

export enum ParticipantErrorCode {
  NotFound = 'participant-not-found',
}

export class ParticipantNotFoundError extends DomainError {
  readonly code = ParticipantErrorCode.NotFound;
  readonly status = HttpStatus.NOT_FOUND;

  constructor(programId: string, participantId: string) {
    super(`Program ${programId} has no participant ${participantId}`);
  }
}
