import { AgendaItemRules } from './agenda-item.rules';
import type { ItemShape } from './agenda-item.rules';

const P1 = '7f1d0a5e-0000-4000-8000-000000000001';
const base = (): ItemShape => ({
  kind: 'workshop-panel',
  startsAt: new Date('2027-03-09T15:00:00Z'),
  endsAt: new Date('2027-03-09T16:00:00Z'),
  resourceId: null,
  venueId: null,
  attendees: { wholeDelegation: true, participantIds: [], interpreterIds: [] },
});

describe('AgendaItemRules', () => {
  it('accepts a well-formed item', () => {
    expect(AgendaItemRules.problems(base())).toEqual([]);
  });

  it('names endsAt when the item ends before it starts or lasts longer than two days', () => {
    expect(AgendaItemRules.problems({ ...base(), endsAt: new Date('2027-03-09T15:00:00Z') }).map((p) => p.field)).toEqual(['endsAt']);
    expect(AgendaItemRules.problems({ ...base(), endsAt: new Date('2027-03-12T15:00:00Z') }).map((p) => p.field)).toEqual(['endsAt']);
  });

  it('requires a resource for a resource meeting and a venue for a site visit', () => {
    expect(AgendaItemRules.problems({ ...base(), kind: 'resource-meeting' }).map((p) => p.field)).toEqual(['resourceId']);
    expect(AgendaItemRules.problems({ ...base(), kind: 'site-visit' }).map((p) => p.field)).toEqual(['venueId']);
  });

  it('requires somebody to attend, and nobody twice', () => {
    expect(AgendaItemRules.problems({ ...base(), attendees: { wholeDelegation: false, participantIds: [], interpreterIds: [] } }).map((p) => p.field)).toEqual(['attendees']);
    expect(
      AgendaItemRules.problems({ ...base(), attendees: { wholeDelegation: false, participantIds: [P1], interpreterIds: [P1] } }).map((p) => p.field),
    ).toEqual(['attendees.interpreterIds']);
  });
});
