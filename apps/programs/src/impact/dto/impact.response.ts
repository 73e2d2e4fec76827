import { ApiProperty } from '@nestjs/swagger';
import { PARTICIPANT_ROLES, PROGRAM_KINDS, PROGRAM_STATUSES } from '@diplomacy/contracts';
import type { ParticipantRole, ProgramKind, ProgramStatus } from '@diplomacy/contracts';
import { GENDER_CATEGORIES, INVOLVEMENTS, MEETING_KINDS } from '../impact-report';
import type { GenderCategory, Involvement } from '../impact-report';
import { HOSTING_ROLES } from '../organisation-history';
import type { HostingRole } from '../organisation-history';

/** Every category is always present (zero when nobody is in it), so the shape of a report never changes. */
const counts = (keys: readonly string[]) => ({
  type: 'object' as const,
  additionalProperties: false,
  properties: Object.fromEntries(keys.map((key) => [key, { type: 'integer' as const }])),
  required: [...keys],
});

class ImpactScopeResponse {
  @ApiProperty({ enum: ['program', 'organisation', 'partnership', 'year'] }) kind!: string;
  @ApiProperty({ description: 'Program, organisation or partnership id, or the year.' }) id!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Tenant filter of a year report.' }) organisationId!: string | null;
}

export class ImpactProgramResponse {
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: PROGRAM_KINDS }) kind!: ProgramKind;
  @ApiProperty({ enum: PROGRAM_STATUSES }) status!: ProgramStatus;
  @ApiProperty() startDate!: string;
  @ApiProperty() endDate!: string;
}

class ParticipantCountsResponse {
  @ApiProperty({ description: 'Places on the programs (a person on two programs counts twice).' }) total!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { KE: 3, US: 1 }, description: 'ISO 3166-1 country → participants.' })
  byCountry!: Record<string, number>;
  @ApiProperty({ ...counts(GENDER_CATEGORIES), description: 'Self-reported; `not-stated` when none was given.' }) byGender!: Record<GenderCategory, number>;
  @ApiProperty({ ...counts(INVOLVEMENTS), description: 'delegate, delegation lead, youth participant: direct; observer; interpreter, escort: support staff.' })
  byInvolvement!: Record<Involvement, number>;
  @ApiProperty(counts(PARTICIPANT_ROLES)) byRole!: Record<ParticipantRole, number>;
}

class OrganisationMetResponse {
  @ApiProperty({ format: 'uuid', description: "Scheduling's resource id of the organisation." }) resourceId!: string;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty() meetingsHeld!: number;
}

class MeetingCountsResponse {
  @ApiProperty({ description: `Confirmed agenda items of kind ${MEETING_KINDS.join(', ')} that ended by asOf.` }) held!: number;
  @ApiProperty({ description: 'Distinct resource organisations of the meetings held.' }) organisationsMet!: number;
  @ApiProperty({ type: [OrganisationMetResponse] }) organisations!: OrganisationMetResponse[];
}

class CommunityCountsResponse {
  @ApiProperty({ description: 'Sum of the checked-in party sizes at community events linked to the programs; each party once.' }) membersReached!: number;
  @ApiProperty({ description: 'Parties checked in.' }) checkIns!: number;
}

export class ImpactReportResponse {
  @ApiProperty({ type: ImpactScopeResponse }) scope!: ImpactScopeResponse;
  @ApiProperty({ example: '2027-12-31T23:59:59.000Z' }) asOf!: string;
  @ApiProperty({ type: [ImpactProgramResponse], description: 'The programs counted, earliest first.' }) programs!: ImpactProgramResponse[];
  @ApiProperty({ type: ParticipantCountsResponse }) participants!: ParticipantCountsResponse;
  @ApiProperty({ type: MeetingCountsResponse }) meetings!: MeetingCountsResponse;
  @ApiProperty({ type: CommunityCountsResponse }) community!: CommunityCountsResponse;
}

class HostedProgramResponse extends ImpactProgramResponse {
  @ApiProperty({ enum: HOSTING_ROLES, isArray: true }) roles!: HostingRole[];
}

class MetProgramResponse extends ImpactProgramResponse {
  @ApiProperty() meetingsHeld!: number;
  @ApiProperty() firstMeetingAt!: string;
  @ApiProperty() lastMeetingAt!: string;
}

export class OrganisationHistoryResponse {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() asOf!: string;
  @ApiProperty({ type: [HostedProgramResponse], description: 'Programs it hosts, co-hosts or hosts a leg of, earliest first.' }) hosted!: HostedProgramResponse[];
  @ApiProperty({ type: [MetProgramResponse], description: `Programs whose delegations held meetings (${MEETING_KINDS.join(', ')}) with it, from the schedule projection.` })
  met!: MetProgramResponse[];
}
