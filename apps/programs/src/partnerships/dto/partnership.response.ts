import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FOCUS_AREAS, PARTNERSHIP_STATUSES, PROGRAM_KINDS, PROGRAM_STATUSES, US_COMMUNITY_KINDS } from '@diplomacy/contracts';
import type { FocusArea, PartnershipStatus, ProgramKind, ProgramStatus, UsCommunityKind } from '@diplomacy/contracts';
import type { PartnershipEntity } from '../partnership.entity';

class UsCommunityResponse {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: US_COMMUNITY_KINDS }) kind!: UsCommunityKind;
  @ApiProperty() state!: string;
}

class PartnerCommunityResponse {
  @ApiProperty() name!: string;
  @ApiProperty() country!: string;
}

export class PartnershipResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() managedBy!: string;
  @ApiProperty({ type: UsCommunityResponse }) usCommunity!: UsCommunityResponse;
  @ApiProperty({ type: PartnerCommunityResponse }) partnerCommunity!: PartnerCommunityResponse;
  @ApiPropertyOptional({ nullable: true, type: String }) establishedOn!: string | null;
  @ApiProperty({ enum: FOCUS_AREAS, isArray: true }) focusAreas!: FocusArea[];
  @ApiProperty({ enum: PARTNERSHIP_STATUSES }) status!: PartnershipStatus;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) usAssociationId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) partnerAssociationId!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static of(p: PartnershipEntity): PartnershipResponse {
    return Object.assign(new PartnershipResponse(), {
      id: p.id,
      managedBy: p.managedBy,
      usCommunity: { name: p.usCommunityName, kind: p.usCommunityKind, state: p.usState },
      partnerCommunity: { name: p.partnerCommunityName, country: p.partnerCountry },
      establishedOn: p.establishedOn,
      focusAreas: p.focusAreas,
      status: p.status,
      usAssociationId: p.usAssociationId,
      partnerAssociationId: p.partnerAssociationId,
      version: p.version,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    });
  }
}

export class ExchangeResponse {
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: PROGRAM_KINDS }) kind!: ProgramKind;
  @ApiProperty({ enum: PROGRAM_STATUSES }) status!: ProgramStatus;
  @ApiProperty() startDate!: string;
  @ApiProperty() endDate!: string;
  @ApiProperty({ description: 'People on the program' }) participants!: number;
}

export class ExchangeHistoryResponse {
  @ApiProperty({ format: 'uuid' }) partnershipId!: string;
  @ApiProperty({ type: [ExchangeResponse], description: 'Programs linked to the partnership, oldest first.' }) exchanges!: ExchangeResponse[];
}

export class PartnershipListResponse {
  @ApiProperty({ type: [PartnershipResponse] }) items!: PartnershipResponse[];
}
