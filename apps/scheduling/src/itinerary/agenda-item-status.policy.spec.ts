import { AgendaItemStatusPolicy } from './agenda-item-status.policy';

describe('AgendaItemStatusPolicy', () => {
  it('confirms only tentative items', () => {
    expect(AgendaItemStatusPolicy.canApply('tentative', 'confirmed')).toBe(true);
    expect(AgendaItemStatusPolicy.canApply('confirmed', 'confirmed')).toBe(false);
    expect(AgendaItemStatusPolicy.canApply('cancelled', 'confirmed')).toBe(false);
  });

  it('treats cancelled as final for every action', () => {
    for (const action of ['confirmed', 'cancelled', 'rescheduled', 'given new attendees'] as const) {
      expect(AgendaItemStatusPolicy.canApply('cancelled', action)).toBe(false);
    }
    expect(AgendaItemStatusPolicy.canApply('confirmed', 'cancelled')).toBe(true);
    expect(AgendaItemStatusPolicy.canApply('tentative', 'rescheduled')).toBe(true);
  });

  it('makes a moved confirmed item tentative again', () => {
    expect(AgendaItemStatusPolicy.statusAfterReschedule('confirmed')).toBe('tentative');
    expect(AgendaItemStatusPolicy.statusAfterReschedule('tentative')).toBe('tentative');
  });
});
