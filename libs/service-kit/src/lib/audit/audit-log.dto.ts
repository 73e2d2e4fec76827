import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { AUDIT_ACTIONS } from './audit-entry';
import type { AuditAction, AuditEntry, AuditFieldChange } from './audit-entry';

export const AUDIT_DEFAULT_PAGE_SIZE = 25;
export const AUDIT_MAX_PAGE_SIZE = 100;

export class AuditLogQuery {
  @ApiPropertyOptional({ example: 'program', description: 'Only entries about this kind of entity (program, participant, itinerary…).' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{0,49}$/, { message: 'entityType must be a lower-case name such as program' })
  entityType?: string;

  @ApiPropertyOptional({ description: 'Only entries about this entity.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  entityId?: string;

  @ApiPropertyOptional({ example: 'ana', description: 'Only changes by this actor (a token subject, or `system`).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ example: '2027-03-01T00:00:00Z', description: 'Entries at or after this instant (ISO 8601).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2027-04-01T00:00:00Z', description: 'Entries before this instant (ISO 8601).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: AUDIT_MAX_PAGE_SIZE, default: AUDIT_DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(AUDIT_MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque: the `nextCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class AuditEntryResponse implements AuditEntry {
  @ApiProperty({ description: 'Increases with every entry; the newest entry has the largest.' }) id!: string;
  @ApiProperty() organisationId!: string;
  @ApiProperty({ description: 'The token subject of whoever made the change, or `system` / a consumer name.' }) actor!: string;
  @ApiProperty({ type: [String] }) actorRoles!: string[];
  @ApiProperty({ example: 'program' }) entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action!: AuditAction;
  @ApiProperty({ type: [String], description: 'Every field that changed, private ones included (by name only).' }) changedFields!: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', properties: { from: {}, to: {} } },
    description: 'Old and new values of the changed fields that are not private; private fields (e-mail, phone, dietary and accessibility notes…) never have values here.',
  })
  changes!: Record<string, AuditFieldChange>;
  @ApiPropertyOptional({ nullable: true, type: String }) correlationId!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
}

export class AuditPageResponse {
  @ApiProperty({ type: [AuditEntryResponse] }) items!: AuditEntryResponse[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Pass as `cursor` for the next (older) page; null on the last page.' }) nextCursor!: string | null;
}
