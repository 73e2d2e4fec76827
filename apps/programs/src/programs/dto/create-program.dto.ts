import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
import { PROGRAM_KINDS } from '@diplomacy/contracts';
import type { ProgramKind } from '@diplomacy/contracts';

export class CreateProgramDto {
  @ApiPropertyOptional({
    description: "Tenant key of the council or association that runs the program. Defaults to the caller's organisation; a coordinator may name only their own (else 403), a platform admin must name one.",
    example: 'kansas-city-council',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  organisationId?: string;

  @ApiProperty({ example: 'Digital government: a ministerial delegation' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @ApiProperty({ enum: PROGRAM_KINDS })
  @IsIn(PROGRAM_KINDS)
  kind!: ProgramKind;

  @ApiPropertyOptional({ example: 'Democracy and civic engagement in the digital age' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  theme?: string;

  @ApiProperty({ example: '2027-03-08', description: 'First day (ISO date).' })
  @Matches(ISO_DATE, { message: 'startDate must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  startDate!: string;

  @ApiProperty({ example: '2027-03-11', description: 'Last day (ISO date), not before startDate.' })
  @Matches(ISO_DATE, { message: 'endDate must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  endDate!: string;
}

export class ProgramIdParams {
  @ApiProperty({ format: 'uuid' })
  // Validated here so a malformed id is a 400 naming `id`, not a database error.
  @IsUUID()
  id!: string;
}
