import { COMMUNITY_EVENT_STATUSES } from '@diplomacy/contracts';
import { CommunityEventStatusPolicy } from './community-event-status.policy';

describe('CommunityEventStatusPolicy', () => {
  it('publishes a draft and completes a published event', () => {
    expect(CommunityEventStatusPolicy.canMove('draft', 'published')).toBe(true);
    expect(CommunityEventStatusPolicy.canMove('published', 'completed')).toBe(true);
  });

  it('cancels from draft and published only', () => {
    const cancellable = COMMUNITY_EVENT_STATUSES.filter((s) => CommunityEventStatusPolicy.canMove(s, 'cancelled'));
    expect(cancellable).toEqual(['draft', 'published']);
  });

  it('refuses skipping, going back and leaving a final state', () => {
    expect(CommunityEventStatusPolicy.canMove('draft', 'completed')).toBe(false);
    expect(CommunityEventStatusPolicy.canMove('published', 'draft')).toBe(false);
    expect(CommunityEventStatusPolicy.canMove('published', 'published')).toBe(false);
    expect(CommunityEventStatusPolicy.allowedFrom('cancelled')).toEqual([]);
    expect(CommunityEventStatusPolicy.isEditable('completed')).toBe(false);
    expect(CommunityEventStatusPolicy.isEditable('published')).toBe(true);
  });
});
