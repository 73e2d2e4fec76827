import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';

export const IMPACT_FORMATS = ['json', 'csv'] as const;
export type ImpactFormat = (typeof IMPACT_FORMATS)[number];

/** An instant with its offset: a bare date or local time would mean different moments on different servers. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const TENANT_KEY = /^[a-z0-9][a-z0-9-]{0,99}$/;

export class ImpactQuery {
  @ApiPropertyOptional({ enum: IMPACT_FORMATS, description: 'Wins over the Accept header (`text/csv` or `application/json`). JSON by default.' })
  @IsOptional()
  @IsIn(IMPACT_FORMATS)
  format?: ImpactFormat;

  @ApiPropertyOptional({ example: '2027-12-31T23:59:59Z', description: 'Count meetings that ended by this instant (default: now), e.g. the end of a reporting period.' })
  @IsOptional()
  @Matches(INSTANT, { message: 'asOf must be an ISO 8601 instant with an offset, e.g. 2027-12-31T23:59:59Z' })
  @IsISO8601({ strict: true })
  asOf?: string;
}

export class YearImpactQuery extends ImpactQuery {
  @ApiPropertyOptional({ example: 'kansas-city-council', description: 'Only the programs of this tenant (the council or association that runs them).' })
  @IsOptional()
  @Matches(TENANT_KEY, { message: 'organisationId must be a lower-case key such as kansas-city-council' })
  organisationId?: string;
}

export class HistoryQuery {
  @ApiPropertyOptional({ example: '2027-12-31T23:59:59Z', description: 'Count meetings that ended by this instant (default: now).' })
  @IsOptional()
  @Matches(INSTANT, { message: 'asOf must be an ISO 8601 instant with an offset, e.g. 2027-12-31T23:59:59Z' })
  @IsISO8601({ strict: true })
  asOf?: string;
}

export class YearParams {
  @ApiProperty({ example: 2027, minimum: 1900, maximum: 2999 })
  @Type(() => Number)
  @IsInt()
  @Min(1900)
  @Max(2999)
  year!: number;
}
