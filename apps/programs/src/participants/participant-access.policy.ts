import { DEFAULT_ROUTE_ROLES, roleAllows } from '@diplomacy/service-kit';
import type { Principal } from '@diplomacy/service-kit';

/**
 * Who may read one participant record: the organisation's staff (and platform admins) any of
 * their programs' participants; a participant only the record their token names
 * (`participant_id`). Anyone else is told it does not exist, as for another tenant's record.
 */
export class ParticipantAccessPolicy {
  static mayRead(principal: Principal | null, participantId: string): boolean {
    if (!principal) return false;
    if (roleAllows(principal, DEFAULT_ROUTE_ROLES, 'read')) return true;
    return principal.roles.includes('participant') && principal.participantId === participantId;
  }
}
