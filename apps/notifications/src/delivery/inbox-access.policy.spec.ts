import type { Principal } from '@diplomacy/service-kit';
import { InboxAccessPolicy } from './inbox-access.policy';

const policy = new InboxAccessPolicy();
const own = 'a3f1c9d2-0000-4000-8000-000000000001';
const someoneElse = 'a3f1c9d2-0000-4000-8000-000000000002';
const as = (roles: Principal['roles'], participantId?: string): Principal => ({ subject: 's', organisationId: 'kansas-city-council', roles, participantId });

describe('InboxAccessPolicy', () => {
  it('lets a participant read and mark their own inbox, and hides everyone else’s', () => {
    const pia = as(['participant'], own);
    expect(policy.decide(pia, own, 'read')).toBe('allowed');
    expect(policy.decide(pia, own, 'mark-read')).toBe('allowed');
    expect(policy.decide(pia, someoneElse, 'read')).toBe('not-found');
    expect(policy.decide(pia, someoneElse, 'mark-read')).toBe('not-found');
  });

  it('lets viewers read any inbox of their organisation but never mark one read', () => {
    expect(policy.decide(as(['viewer']), someoneElse, 'read')).toBe('allowed');
    expect(policy.decide(as(['viewer']), someoneElse, 'mark-read')).toBe('forbidden');
  });

  it('lets coordinators and platform admins do both', () => {
    for (const roles of [['coordinator'], ['platform-admin']] as Principal['roles'][]) {
      expect(policy.decide(as(roles), someoneElse, 'read')).toBe('allowed');
      expect(policy.decide(as(roles), someoneElse, 'mark-read')).toBe('allowed');
    }
  });

  it('takes the widest of several roles', () => {
    expect(policy.decide(as(['participant', 'viewer'], own), someoneElse, 'read')).toBe('allowed');
    expect(policy.decide(as(['participant', 'viewer'], own), someoneElse, 'mark-read')).toBe('forbidden');
    expect(policy.decide(as(['participant', 'viewer'], own), own, 'mark-read')).toBe('allowed');
  });

  it('refuses a contact', () => {
    expect(policy.decide(as(['contact']), someoneElse, 'read')).toBe('forbidden');
  });
});
