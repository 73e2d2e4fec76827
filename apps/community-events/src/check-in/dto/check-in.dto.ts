import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { SecretToken } from '@diplomacy/service-kit';

export class CheckInDto {
  @ApiPropertyOptional({ description: 'The token from the registrant’s QR code. Give this or registrationId.' })
  @IsOptional()
  @Matches(SecretToken.PATTERN, { message: 'token must be the 43-character token from the QR code' })
  token?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'From a name lookup. Give this or token.' })
  @IsOptional()
  @IsUUID()
  registrationId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, description: 'People who arrived; the whole party when absent.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  partySize?: number;
}

export class CheckInLookupQuery {
  @ApiProperty({ description: 'Part of the registrant’s name (at least 2 characters).', example: 'mora' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MinLength(2)
  @MaxLength(200)
  name!: string;
}

export class CheckInResponse {
  @ApiProperty({ format: 'uuid' }) registrationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Registered party size.' }) partySize!: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'People who arrived.' }) checkedInParty!: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) checkedInAt!: string | null;
}
