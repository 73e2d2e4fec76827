import { AgendaItemAttendeesChanged, AgendaItemCancelled, AgendaItemConfirmed, AgendaItemRescheduled, AgendaItemScheduled } from '@diplomacy/contracts';
import type { AgendaItemStateV1, EventDefinition, ScheduleChangeV1 } from '@diplomacy/contracts';
import { AgendaItemAudit } from './agenda-item.audit';

const item: AgendaItemStateV1 = {
  itemId: 'a3f1c2d4-0000-4000-8000-000000000001',
  programId: 'a3f1c2d4-0000-4000-8000-000000000002',
  kind: 'site-visit',
  title: 'Police ride-along briefing',
  status: 'confirmed',
  startsAt: '2027-03-09T15:00:00.000Z',
  endsAt: '2027-03-09T16:00:00.000Z',
  timeZone: 'America/Chicago',
  venue: { venueId: 'a3f1c2d4-0000-4000-8000-0000000000aa', name: 'Central Patrol', address: null, capacity: 20 },
  resource: null,
  attendees: { wholeDelegation: true, participantIds: ['p1', 'p2'], interpreterIds: [] },
  notes: 'Bring ID',
  travelBufferMinutes: 30,
  outsideProgramDates: false,
  cancellationReason: null,
  version: 3,
};

describe('AgendaItemAudit', () => {
  it('maps every schedule change to its audit action', () => {
    const cases: [EventDefinition<ScheduleChangeV1>, string][] = [
      [AgendaItemScheduled, 'created'],
      [AgendaItemRescheduled, 'updated'],
      [AgendaItemAttendeesChanged, 'updated'],
      [AgendaItemConfirmed, 'status-changed'],
      [AgendaItemCancelled, 'status-changed'],
    ];
    for (const [event, action] of cases) expect(AgendaItemAudit.actionOf(event)).toBe(action);
    expect(() => AgendaItemAudit.actionOf({ ...AgendaItemScheduled, type: 'agenda-item.renamed' })).toThrow(/no audit action/);
  });

  it('records a reschedule as the fields that moved, from and to, and leaves the version out', () => {
    const after = { ...item, startsAt: '2027-03-09T17:00:00.000Z', endsAt: '2027-03-09T18:00:00.000Z', status: 'tentative' as const, version: 4 };
    expect(AgendaItemAudit.changes(item, after)).toEqual({
      changedFields: ['status', 'startsAt', 'endsAt'],
      values: {
        status: { from: 'confirmed', to: 'tentative' },
        startsAt: { from: '2027-03-09T15:00:00.000Z', to: '2027-03-09T17:00:00.000Z' },
        endsAt: { from: '2027-03-09T16:00:00.000Z', to: '2027-03-09T18:00:00.000Z' },
      },
    });
  });

  it('names the venue by id and the attendees as resolved', () => {
    const after = { ...item, venue: null, attendees: { wholeDelegation: false, participantIds: ['p1'], interpreterIds: [] } };
    expect(AgendaItemAudit.changes(item, after)).toEqual({
      changedFields: ['venueId', 'wholeDelegation', 'participantIds'],
      values: {
        venueId: { from: 'a3f1c2d4-0000-4000-8000-0000000000aa', to: null },
        wholeDelegation: { from: true, to: false },
        participantIds: { from: ['p1', 'p2'], to: ['p1'] },
      },
    });
  });

  it('records a scheduled item as the fields it was created with', () => {
    const changes = AgendaItemAudit.changes(null, item);
    expect(changes.changedFields).toEqual(expect.arrayContaining(['title', 'kind', 'status', 'startsAt', 'venueId', 'participantIds', 'notes']));
    // Empty fields (no resource, no interpreters, no cancellation) say nothing at creation.
    expect(changes.changedFields).not.toEqual(expect.arrayContaining(['resourceId']));
    expect(changes.changedFields).not.toContain('interpreterIds');
    expect(changes.changedFields).not.toContain('cancellationReason');
    expect(changes.values['title']).toEqual({ to: 'Police ride-along briefing' });
  });

  it('finds nothing to record when nothing but the version changed', () => {
    expect(AgendaItemAudit.changes(item, { ...item, version: 4 })).toEqual({ changedFields: [], values: {} });
  });
});
