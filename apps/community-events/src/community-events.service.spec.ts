import { checkServiceDefinition } from '@diplomacy/testing';
import { CommunityEventsService } from './community-events.service';

checkServiceDefinition(CommunityEventsService, { port: 3003, database: 'community_events' });

describe('community-events configuration', () => {
  it('sweeps overdue waitlist claims every minute by default and may be turned off, never negative', () => {
    expect(CommunityEventsService.loadConfig({}).CLAIM_SWEEP_INTERVAL_MS).toBe(60_000);
    expect(CommunityEventsService.loadConfig({ CLAIM_SWEEP_INTERVAL_MS: '0' }).CLAIM_SWEEP_INTERVAL_MS).toBe(0);
    expect(() => CommunityEventsService.loadConfig({ CLAIM_SWEEP_INTERVAL_MS: '-5' })).toThrow(/CLAIM_SWEEP_INTERVAL_MS/);
  });
});
