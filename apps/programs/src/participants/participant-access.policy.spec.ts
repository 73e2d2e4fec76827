import type { Principal } from '@diplomacy/service-kit';
import { ParticipantAccessPolicy } from './participant-access.policy';

const principal = (roles: Principal['roles'], participantId?: string): Principal => ({ subject: 's', organisationId: 'kansas-city-council', roles, ...(participantId ? { participantId } : {}) });

describe('ParticipantAccessPolicy', () => {
  it('lets staff and platform admins read any participant', () => {
    expect(ParticipantAccessPolicy.mayRead(principal(['coordinator']), 'p-1')).toBe(true);
    expect(ParticipantAccessPolicy.mayRead(principal(['viewer']), 'p-1')).toBe(true);
    expect(ParticipantAccessPolicy.mayRead(principal(['platform-admin']), 'p-1')).toBe(true);
  });

  it('lets a participant read only the record their token names', () => {
    expect(ParticipantAccessPolicy.mayRead(principal(['participant'], 'p-1'), 'p-1')).toBe(true);
    expect(ParticipantAccessPolicy.mayRead(principal(['participant'], 'p-1'), 'p-2')).toBe(false);
  });

  it('refuses contacts and anonymous callers', () => {
    expect(ParticipantAccessPolicy.mayRead(principal(['contact']), 'p-1')).toBe(false);
    expect(ParticipantAccessPolicy.mayRead(null, 'p-1')).toBe(false);
  });
});
