import type { AgendaItemFact, ProgramFact } from './impact-report';
import { OrganisationHistoryBuilder } from './organisation-history';

const ORG = 'org-police';
const ASOF = new Date('2027-04-01T00:00:00Z');
const program = (programId: string, startDate: string): ProgramFact => ({ programId, title: programId, kind: 'international-visitor', status: 'completed', startDate, endDate: startDate });
const meeting = (programId: string, startsAt: string, overrides: Partial<AgendaItemFact> = {}): AgendaItemFact => ({
  itemId: `${programId}-${startsAt}`,
  programId,
  kind: 'resource-meeting',
  status: 'confirmed',
  startsAt: new Date(startsAt),
  endsAt: new Date(new Date(startsAt).getTime() + 3_600_000),
  resourceId: ORG,
  resourceName: 'KCPD',
  ...overrides,
});

describe('OrganisationHistoryBuilder', () => {
  it('lists hosted programs once with every hosting role, earliest first', () => {
    const history = OrganisationHistoryBuilder.build({
      organisationId: ORG,
      asOf: ASOF,
      hosted: [
        { program: program('b', '2027-03-01'), role: 'leg-host' },
        { program: program('b', '2027-03-01'), role: 'host' },
        { program: program('a', '2026-05-01'), role: 'co-host' },
      ],
      items: [],
      programs: [],
    });
    expect(history.hosted.map((h) => [h.programId, h.roles])).toEqual([
      ['a', ['co-host']],
      ['b', ['host', 'leg-host']],
    ]);
  });

  it('lists the programs that met the organisation, counting only held meetings with it', () => {
    const history = OrganisationHistoryBuilder.build({
      organisationId: ORG,
      asOf: ASOF,
      hosted: [],
      items: [
        meeting('a', '2027-03-02T15:00:00Z'),
        meeting('a', '2027-03-01T15:00:00Z'),
        meeting('a', '2027-03-03T15:00:00Z', { status: 'cancelled' }),
        meeting('b', '2027-03-10T15:00:00Z', { status: 'tentative' }),
        meeting('c', '2027-05-10T15:00:00Z'),
        meeting('d', '2027-03-10T15:00:00Z', { resourceId: 'someone-else' }),
        meeting('unknown', '2027-03-10T15:00:00Z'),
      ],
      programs: [program('a', '2027-03-01'), program('b', '2027-03-09'), program('c', '2027-05-09'), program('d', '2027-03-09')],
    });
    expect(history.met).toEqual([
      { ...program('a', '2027-03-01'), meetingsHeld: 2, firstMeetingAt: '2027-03-01T15:00:00.000Z', lastMeetingAt: '2027-03-02T15:00:00.000Z' },
    ]);
  });
});
