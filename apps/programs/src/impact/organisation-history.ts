import type { AgendaItemFact, ProgramFact } from './impact-report';
import { MeetingRule } from './impact-report';

/** How an organisation took part in hosting a program. */
export const HOSTING_ROLES = ['host', 'co-host', 'leg-host'] as const;
export type HostingRole = (typeof HOSTING_ROLES)[number];

export interface HostedProgram extends ProgramFact {
  roles: HostingRole[];
}

export interface MetProgram extends ProgramFact {
  meetingsHeld: number;
  firstMeetingAt: string;
  lastMeetingAt: string;
}

export interface OrganisationHistory {
  organisationId: string;
  asOf: string;
  hosted: HostedProgram[];
  met: MetProgram[];
}

/**
 * An organisation's history: the programs it hosted (from the programs it is host,
 * co-host or leg host of) and the programs whose delegations met it (held meetings in
 * the schedule projection whose resource is this organisation). Pure, like the report.
 */
export class OrganisationHistoryBuilder {
  static build(input: {
    organisationId: string;
    asOf: Date;
    hosted: readonly { program: ProgramFact; role: HostingRole }[];
    /** Agenda items whose resource is the organisation, any status; programs they belong to in `programs`. */
    items: readonly AgendaItemFact[];
    programs: readonly ProgramFact[];
  }): OrganisationHistory {
    const hosted = new Map<string, HostedProgram>();
    for (const { program, role } of input.hosted) {
      const entry = hosted.get(program.programId) ?? { ...program, roles: [] };
      if (!entry.roles.includes(role)) entry.roles.push(role);
      hosted.set(program.programId, entry);
    }
    for (const entry of hosted.values()) entry.roles.sort((a, b) => HOSTING_ROLES.indexOf(a) - HOSTING_ROLES.indexOf(b));

    const programs = new Map(input.programs.map((p) => [p.programId, p]));
    const met = new Map<string, MetProgram>();
    for (const item of input.items) {
      if (item.resourceId !== input.organisationId || !MeetingRule.wasHeld(item, input.asOf)) continue;
      // A schedule for a program this database does not hold cannot be described; it is left out rather than guessed.
      const program = programs.get(item.programId);
      if (!program) continue;
      const startsAt = item.startsAt.toISOString();
      const entry = met.get(program.programId) ?? { ...program, meetingsHeld: 0, firstMeetingAt: startsAt, lastMeetingAt: startsAt };
      entry.meetingsHeld += 1;
      if (startsAt < entry.firstMeetingAt) entry.firstMeetingAt = startsAt;
      if (startsAt > entry.lastMeetingAt) entry.lastMeetingAt = startsAt;
      met.set(program.programId, entry);
    }

    const byStart = (a: ProgramFact, b: ProgramFact) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.programId < b.programId ? -1 : 1);
    return {
      organisationId: input.organisationId,
      asOf: input.asOf.toISOString(),
      hosted: [...hosted.values()].sort(byStart),
      met: [...met.values()].sort(byStart),
    };
  }
}
