import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROGRAM_KINDS, PROGRAM_STATUSES } from '@diplomacy/contracts';
import type { ProgramKind, ProgramStatus } from '@diplomacy/contracts';
import type { ProgramEntity } from '../program.entity';

export class ProgramResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() organisationId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: PROGRAM_KINDS }) kind!: ProgramKind;
  @ApiProperty({ enum: PROGRAM_STATUSES }) status!: ProgramStatus;
  @ApiPropertyOptional({ nullable: true, type: String }) theme!: string | null;
  @ApiProperty({ example: '2027-03-08' }) startDate!: string;
  @ApiProperty({ example: '2027-03-11' }) endDate!: string;
  @ApiProperty({ description: 'Send it back as If-Match to update without overwriting someone else.' }) version!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static of(entity: ProgramEntity): ProgramResponse {
    return Object.assign(new ProgramResponse(), {
      id: entity.id,
      organisationId: entity.organisationId,
      title: entity.title,
      kind: entity.kind,
      status: entity.status,
      theme: entity.theme,
      startDate: entity.startDate,
      endDate: entity.endDate,
      version: entity.version,
      createdAt: entity.createdAt.toISOString(),
      updatedAt: entity.updatedAt.toISOString(),
    });
  }
}
