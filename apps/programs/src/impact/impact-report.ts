import { GENDERS, PARTICIPANT_ROLES } from '@diplomacy/contracts';
import type { AgendaItemKind, AgendaItemStatus, Gender, ParticipantRole, ProgramKind, ProgramStatus } from '@diplomacy/contracts';

/** Gender is optional and self-reported: a participant who gave none is counted, under this key. */
export const NOT_STATED = 'not-stated';
export const GENDER_CATEGORIES = [...GENDERS, NOT_STATED] as const;
export type GenderCategory = (typeof GENDER_CATEGORIES)[number];

/**
 * How a role takes part in the exchange. Annual reports separate the visitors who took
 * part (delegates, leads, youth) from observers; interpreters and escorts are on the
 * program to support it, so counting them as either would inflate one of the two.
 */
export const INVOLVEMENTS = ['direct-participant', 'observer', 'support-staff'] as const;
export type Involvement = (typeof INVOLVEMENTS)[number];

const INVOLVEMENT_OF: Record<ParticipantRole, Involvement> = {
  delegate: 'direct-participant',
  'delegation-lead': 'direct-participant',
  'youth-participant': 'direct-participant',
  observer: 'observer',
  interpreter: 'support-staff',
  escort: 'support-staff',
};

export type ImpactScope =
  | { kind: 'program'; programId: string }
  | { kind: 'organisation'; organisationId: string }
  | { kind: 'partnership'; partnershipId: string }
  /** `organisationId` narrows a year to one tenant (a council's own annual report). */
  | { kind: 'year'; year: number; organisationId?: string };

export interface ProgramFact {
  programId: string;
  title: string;
  kind: ProgramKind;
  status: ProgramStatus;
  startDate: string;
  endDate: string;
}

export interface ParticipantFact {
  programId: string;
  country: string;
  gender: Gender | null;
  role: ParticipantRole;
}

/** An agenda item as the schedule projection last saw it (its highest version). */
export interface AgendaItemFact {
  itemId: string;
  programId: string;
  kind: AgendaItemKind;
  status: AgendaItemStatus;
  startsAt: Date;
  endsAt: Date;
  resourceId: string | null;
  resourceName: string | null;
}

export interface CheckInFact {
  registrationId: string;
  programId: string;
  partySize: number;
}

export interface OrganisationMet {
  resourceId: string;
  name: string | null;
  meetingsHeld: number;
}

export interface ImpactReport {
  scope: { kind: ImpactScope['kind']; id: string; organisationId: string | null };
  /** Meetings count as held when they ended at or before this instant. */
  asOf: string;
  programs: ProgramFact[];
  participants: {
    total: number;
    byCountry: Record<string, number>;
    byGender: Record<GenderCategory, number>;
    byInvolvement: Record<Involvement, number>;
    byRole: Record<ParticipantRole, number>;
  };
  meetings: { held: number; organisationsMet: number; organisations: OrganisationMet[] };
  community: { membersReached: number; checkIns: number };
}

/** Agenda item kinds where the visitors meet a resource organisation (not travel, free time, culture or hospitality). */
export const MEETING_KINDS: readonly AgendaItemKind[] = ['resource-meeting', 'site-visit', 'ride-along', 'workshop-panel'];

/**
 * What a schedule says happened. The scheduling contract has no "completed" event, so
 * a meeting was held when the latest state of the item is confirmed and its end has
 * passed. A tentative item was never confirmed by the organisation (a reschedule makes
 * a confirmed item tentative again), and a cancelled one did not take place.
 */
export class MeetingRule {
  static isMeetingKind(kind: AgendaItemKind): boolean {
    return MEETING_KINDS.includes(kind);
  }

  static wasHeld(item: Pick<AgendaItemFact, 'kind' | 'status' | 'endsAt'>, asOf: Date): boolean {
    return MeetingRule.isMeetingKind(item.kind) && item.status === 'confirmed' && item.endsAt.getTime() <= asOf.getTime();
  }
}

/**
 * Which programs a report covers. A single program's report is always available, in
 * any status. The aggregate reports (organisation, partnership, year) are what councils
 * file, so they leave out drafts (not yet a real exchange) and cancelled programs.
 */
export class ImpactScopeRule {
  static readonly EXCLUDED_FROM_AGGREGATES: readonly ProgramStatus[] = ['draft', 'cancelled'];

  static programsToReport(scope: ImpactScope, candidates: readonly ProgramFact[]): ProgramFact[] {
    if (scope.kind === 'program') return [...candidates];
    return candidates.filter((p) => !ImpactScopeRule.EXCLUDED_FROM_AGGREGATES.includes(p.status));
  }
}

/**
 * Aggregates the facts of the programs in scope into a report. Pure: the caller reads
 * the facts, this class only counts. Facts about programs outside the scope are ignored,
 * so a check-in linked to several programs counts only for the ones reported.
 */
export class ImpactReportBuilder {
  private readonly programs = new Map<string, ProgramFact>();
  private readonly participants: ParticipantFact[] = [];
  private readonly items = new Map<string, AgendaItemFact>();
  private readonly checkIns: CheckInFact[] = [];

  constructor(
    private readonly scope: ImpactScope,
    private readonly asOf: Date,
  ) {}

  addPrograms(programs: readonly ProgramFact[]): this {
    for (const program of programs) this.programs.set(program.programId, program);
    return this;
  }

  addParticipants(participants: readonly ParticipantFact[]): this {
    this.participants.push(...participants);
    return this;
  }

  addAgendaItems(items: readonly AgendaItemFact[]): this {
    for (const item of items) this.items.set(item.itemId, item);
    return this;
  }

  addCheckIns(checkIns: readonly CheckInFact[]): this {
    this.checkIns.push(...checkIns);
    return this;
  }

  build(): ImpactReport {
    const inScope = (programId: string) => this.programs.has(programId);
    const participants = this.participants.filter((p) => inScope(p.programId));

    const byCountry: Record<string, number> = {};
    const byGender = zeroes(GENDER_CATEGORIES);
    const byInvolvement = zeroes(INVOLVEMENTS);
    const byRole = zeroes(PARTICIPANT_ROLES);
    for (const participant of participants) {
      byCountry[participant.country] = (byCountry[participant.country] ?? 0) + 1;
      byGender[participant.gender ?? NOT_STATED] += 1;
      byInvolvement[INVOLVEMENT_OF[participant.role]] += 1;
      byRole[participant.role] += 1;
    }

    const held = [...this.items.values()].filter((item) => inScope(item.programId) && MeetingRule.wasHeld(item, this.asOf));
    const met = new Map<string, OrganisationMet>();
    for (const item of held) {
      if (!item.resourceId) continue;
      const entry = met.get(item.resourceId) ?? { resourceId: item.resourceId, name: item.resourceName, meetingsHeld: 0 };
      entry.meetingsHeld += 1;
      met.set(item.resourceId, entry);
    }

    // A party is counted once however many reported programs its event was linked to:
    // the same people walked through the door once.
    const parties = new Map<string, number>();
    for (const checkIn of this.checkIns) if (inScope(checkIn.programId)) parties.set(checkIn.registrationId, checkIn.partySize);

    return {
      scope: describeScope(this.scope),
      asOf: this.asOf.toISOString(),
      programs: [...this.programs.values()].sort((a, b) => compare(a.startDate, b.startDate) || compare(a.programId, b.programId)),
      participants: { total: participants.length, byCountry: sortedKeys(byCountry), byGender, byInvolvement, byRole },
      meetings: {
        held: held.length,
        organisationsMet: met.size,
        organisations: [...met.values()].sort((a, b) => compare(a.name ?? '', b.name ?? '') || compare(a.resourceId, b.resourceId)),
      },
      community: { membersReached: [...parties.values()].reduce((sum, size) => sum + size, 0), checkIns: parties.size },
    };
  }
}

function describeScope(scope: ImpactScope): ImpactReport['scope'] {
  switch (scope.kind) {
    case 'program':
      return { kind: scope.kind, id: scope.programId, organisationId: null };
    case 'organisation':
      return { kind: scope.kind, id: scope.organisationId, organisationId: null };
    case 'partnership':
      return { kind: scope.kind, id: scope.partnershipId, organisationId: null };
    case 'year':
      return { kind: scope.kind, id: String(scope.year), organisationId: scope.organisationId ?? null };
  }
}

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

/** Byte order, so the JSON and the CSV list countries the same way every time. */
function sortedKeys(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => compare(a, b)));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
