import type { AgendaItemStatus } from '@diplomacy/contracts';

export type AgendaItemAction = 'confirmed' | 'cancelled' | 'rescheduled' | 'given new attendees';

/**
 * tentative → confirmed → cancelled, and tentative → cancelled. Cancelled is final:
 * a cancelled slot is free for others, so reviving it would bypass the conflict rules.
 * Moving a confirmed item makes it tentative again: the resource confirmed the old time.
 */
export class AgendaItemStatusPolicy {
  static canApply(status: AgendaItemStatus, action: AgendaItemAction): boolean {
    if (status === 'cancelled') return false;
    if (action === 'confirmed') return status === 'tentative';
    return true;
  }

  static statusAfterReschedule(status: AgendaItemStatus): AgendaItemStatus {
    return status === 'confirmed' ? 'tentative' : status;
  }
}
