import type { Principal } from '@diplomacy/service-kit';

export type InboxAction = 'read' | 'mark-read';
export type InboxAccessDecision = 'allowed' | 'forbidden' | 'not-found';

/**
 * Who may use one recipient's in-app inbox, within the organisation the guard already bound:
 *  - the participant whose inbox it is (the token's participant_id is their recipient id):
 *    reads it and marks entries read; anyone else's inbox is simply not found for them, so
 *    a participant cannot learn who else the organisation writes to;
 *  - coordinators and platform admins: every inbox of their scope, read and mark read;
 *  - viewers: read only.
 * Marking read changes nothing but the reader's own marker, which is why the route lets the
 * read-only participant role through the guard (`@Access('read')`) and decides here.
 */
export class InboxAccessPolicy {
  decide(principal: Principal, recipientId: string, action: InboxAction): InboxAccessDecision {
    const { roles } = principal;
    if (roles.includes('platform-admin') || roles.includes('coordinator')) return 'allowed';
    if (roles.includes('participant') && principal.participantId === recipientId) return 'allowed';
    if (roles.includes('viewer')) return action === 'read' ? 'allowed' : 'forbidden';
    return roles.includes('participant') ? 'not-found' : 'forbidden';
  }
}
