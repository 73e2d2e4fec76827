import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROGRAM_KINDS, PROGRAM_STATUSES } from '@diplomacy/contracts';
import type { ProgramKind, ProgramStatus } from '@diplomacy/contracts';
import type { ProgramEntity } from '../program.entity';
import type { ProgramView } from '../program.view';

export class ProgramLegResponse {
  @ApiProperty({ format: 'uuid' }) legId!: string;
  @ApiProperty() city!: string;
  @ApiProperty() timeZone!: string;
  @ApiProperty() startDate!: string;
  @ApiProperty() endDate!: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) localHostOrganisationId!: string | null;
}

export class ProgramResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() organisationId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: PROGRAM_KINDS }) kind!: ProgramKind;
  @ApiProperty({ enum: PROGRAM_STATUSES }) status!: ProgramStatus;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why the program last changed status.' }) statusReason!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) theme!: string | null;
  @ApiProperty({ type: [String] }) objectives!: string[];
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) hostOrganisationId!: string | null;
  @ApiProperty({ type: [String] }) coHostOrganisationIds!: string[];
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) partnershipId!: string | null;
  @ApiProperty({ example: '2027-03-08' }) startDate!: string;
  @ApiProperty({ example: '2027-03-11' }) endDate!: string;
  @ApiProperty({ type: [ProgramLegResponse] }) legs!: ProgramLegResponse[];
  @ApiProperty({ description: 'Send it back as If-Match to update without overwriting someone else.' }) version!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static of(view: ProgramView | ProgramEntity): ProgramResponse {
    const { program, legs, coHostOrganisationIds } = 'program' in view ? view : { program: view, legs: [], coHostOrganisationIds: [] };
    return Object.assign(new ProgramResponse(), {
      id: program.id,
      organisationId: program.organisationId,
      title: program.title,
      kind: program.kind,
      status: program.status,
      statusReason: program.statusReason,
      theme: program.theme,
      objectives: program.objectives,
      hostOrganisationId: program.hostOrganisationId,
      coHostOrganisationIds,
      partnershipId: program.partnershipId,
      startDate: program.startDate,
      endDate: program.endDate,
      legs: legs.map((leg) => ({
        legId: leg.id,
        city: leg.city,
        timeZone: leg.timeZone,
        startDate: leg.startDate,
        endDate: leg.endDate,
        localHostOrganisationId: leg.localHostOrganisationId,
      })),
      version: program.version,
      createdAt: program.createdAt.toISOString(),
      updatedAt: program.updatedAt.toISOString(),
    });
  }
}

export class ProgramPageResponse {
  @ApiProperty({ type: [ProgramResponse] }) items!: ProgramResponse[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page.' })
  nextCursor!: string | null;
}
