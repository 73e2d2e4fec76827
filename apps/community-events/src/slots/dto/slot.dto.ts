import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import type { SignupSlotEntity } from '../signup-slot.entity';
import type { SlotClaimView } from '../slot.repository';
import { SecretToken } from '@diplomacy/service-kit';

export class CreateSlotDto {
  @ApiProperty({ example: 'main dish' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  label!: string;

  @ApiPropertyOptional({ example: 'Enough for 8 people' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @ApiProperty({ minimum: 1, maximum: 10000, example: 10 })
  @IsInt()
  @Min(1)
  @Max(10000)
  quantity!: number;
}

export class ClaimSlotDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 1, description: 'How many of the slot this registration takes.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  quantity?: number;
}

export class SlotClaimParams {
  @ApiProperty({ description: 'The self-service token.' })
  @Matches(SecretToken.PATTERN, { message: 'token must be the 43-character token from the self-service link' })
  token!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  slotId!: string;
}

export class SlotClaimantResponse {
  @ApiProperty({ format: 'uuid' }) registrationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() quantity!: number;
  @ApiProperty() claimedAt!: string;
}

export class SlotResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() label!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) description!: string | null;
  @ApiProperty() quantity!: number;
  @ApiProperty() claimed!: number;
  @ApiProperty() remaining!: number;
  @ApiPropertyOptional({ type: [SlotClaimantResponse], description: 'Who brings what (organiser view only).' }) claims?: SlotClaimantResponse[];

  static of(slot: SignupSlotEntity, claims?: SlotClaimView[]): SlotResponse {
    return Object.assign(new SlotResponse(), {
      id: slot.id,
      eventId: slot.eventId,
      label: slot.label,
      description: slot.description,
      quantity: slot.quantity,
      claimed: slot.claimed,
      remaining: slot.quantity - slot.claimed,
      ...(claims
        ? { claims: claims.map((c) => ({ registrationId: c.registrationId, name: c.name, quantity: c.quantity, claimedAt: c.claimedAt.toISOString() })) }
        : {}),
    });
  }
}
