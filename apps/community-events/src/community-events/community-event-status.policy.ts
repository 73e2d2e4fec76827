import type { CommunityEventStatus } from '@diplomacy/contracts';

/** draft → published → completed, and cancelled from draft or published. Cancelled and completed are final. */
const TRANSITIONS: Record<CommunityEventStatus, readonly CommunityEventStatus[]> = {
  draft: ['published', 'cancelled'],
  published: ['completed', 'cancelled'],
  cancelled: [],
  completed: [],
};

export class CommunityEventStatusPolicy {
  static allowedFrom(status: CommunityEventStatus): readonly CommunityEventStatus[] {
    return TRANSITIONS[status];
  }

  static canMove(from: CommunityEventStatus, to: CommunityEventStatus): boolean {
    return TRANSITIONS[from].includes(to);
  }

  /** Organisers may edit drafts and published events; a finished event is history. */
  static isEditable(status: CommunityEventStatus): boolean {
    return status === 'draft' || status === 'published';
  }
}
