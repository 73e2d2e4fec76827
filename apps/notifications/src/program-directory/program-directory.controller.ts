import { Controller, Get, HttpStatus, Inject, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { DomainError } from '@diplomacy/service-kit';
import { ProgramDirectoryRepository } from './program-directory.repository';
import type { ProgramDirectoryEntry } from './program-directory.entity';

class ProgramIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  programId!: string;
}

class ProgramDirectoryResponse {
  @ApiProperty() programId!: string;
  @ApiProperty() organisationId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() status!: string;
  @ApiProperty() startDate!: string;
  @ApiProperty() endDate!: string;
  @ApiProperty({ description: 'The last event applied.' }) lastEventId!: string;
  @ApiProperty({ description: 'Correlation id of the request that caused the last change.' }) correlationId!: string;
  @ApiProperty() updatedAt!: string;
}

class ProgramNotKnownError extends DomainError {
  readonly code = 'program-not-known';
  readonly status = HttpStatus.NOT_FOUND;
}

/** Read-only view of the projection: what this service knows about a program, and from which event. */
@ApiTags('program-directory')
@Controller('program-directory')
export class ProgramDirectoryController {
  constructor(@Inject(ProgramDirectoryRepository) private readonly directory: ProgramDirectoryRepository) {}

  @Get(':programId')
  @ApiOkResponse({ type: ProgramDirectoryResponse })
  @ApiNotFoundResponse({ description: 'No event about this program has arrived (yet).' })
  async get(@Param() params: ProgramIdParams): Promise<ProgramDirectoryResponse> {
    const entry: ProgramDirectoryEntry | null = await this.directory.find(params.programId);
    if (!entry) throw new ProgramNotKnownError(`No event about program ${params.programId} has arrived`);
    return { ...entry, updatedAt: entry.updatedAt.toISOString() };
  }
}
