import type { AgendaItemFact, ParticipantFact, ProgramFact } from './impact-report';
import { ImpactReportBuilder, ImpactScopeRule, MeetingRule } from './impact-report';

const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';
const OTHER = '99999999-9999-4999-8999-999999999999';
const ASOF = new Date('2027-04-01T00:00:00Z');

const program = (programId: string, status: ProgramFact['status'] = 'completed', startDate = '2027-03-08'): ProgramFact => ({
  programId,
  title: `Program ${programId.slice(0, 2)}`,
  kind: 'international-visitor',
  status,
  startDate,
  endDate: startDate,
});

const person = (country: string, gender: ParticipantFact['gender'], role: ParticipantFact['role'], programId = P1): ParticipantFact => ({ programId, country, gender, role });

let nextItem = 0;
const item = (overrides: Partial<AgendaItemFact>): AgendaItemFact => ({
  itemId: `item-${(nextItem += 1)}`,
  programId: P1,
  kind: 'resource-meeting',
  status: 'confirmed',
  startsAt: new Date('2027-03-09T15:00:00Z'),
  endsAt: new Date('2027-03-09T16:00:00Z'),
  resourceId: 'org-police',
  resourceName: 'KCPD',
  ...overrides,
});

describe('MeetingRule', () => {
  it.each([
    ['a confirmed meeting that has ended', {}, true],
    ['a meeting ending exactly at the report instant', { endsAt: ASOF }, true],
    ['a meeting still to come', { endsAt: new Date('2027-04-01T00:00:01Z') }, false],
    ['a tentative meeting (never confirmed, or rescheduled since)', { status: 'tentative' as const }, false],
    ['a cancelled meeting', { status: 'cancelled' as const }, false],
    ['a site visit', { kind: 'site-visit' as const }, true],
    ['a ride-along', { kind: 'ride-along' as const }, true],
    ['a workshop or panel', { kind: 'workshop-panel' as const }, true],
    ['a cultural activity', { kind: 'cultural-activity' as const }, false],
    ['home hospitality', { kind: 'home-hospitality' as const }, false],
    ['a community event', { kind: 'community-event' as const }, false],
    ['a travel leg', { kind: 'travel-leg' as const }, false],
    ['free time', { kind: 'free-time' as const }, false],
  ])('%s: held = %s', (_case, overrides, expected) => {
    expect(MeetingRule.wasHeld(item(overrides), ASOF)).toBe(expected);
  });
});

describe('ImpactScopeRule', () => {
  const all = (['draft', 'planned', 'confirmed', 'in-progress', 'completed', 'cancelled'] as const).map((status, i) => program(`${i}`.repeat(8), status));

  it('reports a single program in any status', () => {
    expect(ImpactScopeRule.programsToReport({ kind: 'program', programId: P1 }, all)).toHaveLength(6);
  });

  it('leaves drafts and cancelled programs out of the aggregate reports', () => {
    for (const scope of [{ kind: 'organisation', organisationId: 'o' }, { kind: 'partnership', partnershipId: 'p' }, { kind: 'year', year: 2027 }] as const) {
      expect(ImpactScopeRule.programsToReport(scope, all).map((p) => p.status)).toEqual(['planned', 'confirmed', 'in-progress', 'completed']);
    }
  });
});

describe('ImpactReportBuilder', () => {
  it('counts participants by country, self-reported gender (not stated when missing), involvement and role', () => {
    const report = new ImpactReportBuilder({ kind: 'program', programId: P1 }, ASOF)
      .addPrograms([program(P1)])
      .addParticipants([
        person('KE', 'female', 'delegation-lead'),
        person('KE', 'male', 'delegate'),
        person('GH', null, 'delegate'),
        person('BR', 'non-binary', 'youth-participant'),
        person('BR', 'prefer-not-to-say', 'observer'),
        person('US', 'female', 'interpreter'),
        person('US', null, 'escort'),
      ])
      .build();

    expect(report.participants).toEqual({
      total: 7,
      byCountry: { BR: 2, GH: 1, KE: 2, US: 2 },
      byGender: { female: 2, male: 1, 'non-binary': 1, 'self-described': 0, 'prefer-not-to-say': 1, 'not-stated': 2 },
      byInvolvement: { 'direct-participant': 4, observer: 1, 'support-staff': 2 },
      byRole: { delegate: 2, 'delegation-lead': 1, interpreter: 1, escort: 1, 'youth-participant': 1, observer: 1 },
    });
    expect(Object.keys(report.participants.byCountry)).toEqual(['BR', 'GH', 'KE', 'US']);
  });

  it('counts held meetings and the distinct organisations met, ignoring what was not held', () => {
    const report = new ImpactReportBuilder({ kind: 'program', programId: P1 }, ASOF)
      .addPrograms([program(P1)])
      .addAgendaItems([
        item({ resourceId: 'org-police', resourceName: 'KCPD' }),
        item({ resourceId: 'org-police', resourceName: 'KCPD', kind: 'ride-along' }),
        item({ resourceId: 'org-board', resourceName: 'Election Board' }),
        item({ resourceId: null, resourceName: null, kind: 'workshop-panel' }),
        item({ resourceId: 'org-library', resourceName: 'Library', status: 'cancelled' }),
        item({ resourceId: 'org-uni', resourceName: 'UMKC', status: 'tentative' }),
        item({ resourceId: 'org-future', resourceName: 'Future', endsAt: new Date('2027-05-01T00:00:00Z') }),
        item({ resourceId: 'org-museum', resourceName: 'Museum', kind: 'cultural-activity' }),
      ])
      .build();

    expect(report.meetings).toEqual({
      held: 4,
      organisationsMet: 2,
      organisations: [
        { resourceId: 'org-board', name: 'Election Board', meetingsHeld: 1 },
        { resourceId: 'org-police', name: 'KCPD', meetingsHeld: 2 },
      ],
    });
  });

  it('keeps the last copy of an item it is given twice', () => {
    const first = item({ itemId: 'same', status: 'confirmed' });
    const report = new ImpactReportBuilder({ kind: 'program', programId: P1 }, ASOF)
      .addPrograms([program(P1)])
      .addAgendaItems([first, { ...first, status: 'cancelled' }])
      .build();
    expect(report.meetings.held).toBe(0);
  });

  it('sums checked-in party sizes, counting a party once across the programs its event was linked to', () => {
    const report = new ImpactReportBuilder({ kind: 'year', year: 2027 }, ASOF)
      .addPrograms([program(P1), program(P2)])
      .addCheckIns([
        { registrationId: 'r1', programId: P1, partySize: 3 },
        { registrationId: 'r1', programId: P2, partySize: 3 },
        { registrationId: 'r2', programId: P2, partySize: 4 },
        { registrationId: 'r3', programId: OTHER, partySize: 9 },
      ])
      .build();
    expect(report.community).toEqual({ membersReached: 7, checkIns: 2 });
  });

  it('ignores facts about programs outside the scope', () => {
    const report = new ImpactReportBuilder({ kind: 'program', programId: P1 }, ASOF)
      .addPrograms([program(P1)])
      .addParticipants([person('KE', null, 'delegate', OTHER)])
      .addAgendaItems([item({ programId: OTHER })])
      .addCheckIns([{ registrationId: 'r', programId: OTHER, partySize: 2 }])
      .build();
    expect([report.participants.total, report.meetings.held, report.community.membersReached]).toEqual([0, 0, 0]);
  });

  it('describes its scope and lists the programs it covers, earliest first', () => {
    const report = new ImpactReportBuilder({ kind: 'year', year: 2027, organisationId: 'kansas-city-council' }, ASOF)
      .addPrograms([program(P2, 'completed', '2027-06-01'), program(P1, 'completed', '2027-02-01')])
      .build();
    expect(report.scope).toEqual({ kind: 'year', id: '2027', organisationId: 'kansas-city-council' });
    expect(report.asOf).toBe('2027-04-01T00:00:00.000Z');
    expect(report.programs.map((p) => p.programId)).toEqual([P1, P2]);
  });

  it('reports zero for every gender, involvement and role when nobody is on the program, so the shape never changes', () => {
    const report = new ImpactReportBuilder({ kind: 'program', programId: P1 }, ASOF).addPrograms([program(P1)]).build();
    expect(Object.values(report.participants.byGender)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Object.keys(report.participants.byRole)).toHaveLength(6);
    expect(report.participants.byCountry).toEqual({});
  });
});
