import type { Principal, Role } from '@diplomacy/service-kit';

/** Roles that read everything of their organisation (the guard has already kept them to it). */
const STAFF: readonly Role[] = ['platform-admin', 'coordinator', 'viewer'];

/**
 * Who may read which itinerary data beyond the guard's role check (docs/scheduling.md, Who may
 * call what). The guard lets participants and contacts through to the routes that name them;
 * this decides what they see there:
 *  - a participant reads the itinerary of the participant their token names (`participant_id`);
 *  - a host/resource contact is the contact of one resource (a venue or a resource
 *    organisation): their token's `contact_id` is that resource's id, and they read the
 *    resource and the agenda items held at it or with it. Resources carry one contact each and
 *    items name their venue and resource, so this is the whole of "the agenda items they are
 *    part of" the data model can express.
 * Staff (and platform admins) read everything the tenant scope lets them reach.
 */
export class ItineraryAccessPolicy {
  static isStaff(principal: Principal | null): boolean {
    return !!principal && principal.roles.some((role) => STAFF.includes(role));
  }

  /** Decided from the path alone, so refusing says nothing about whether the participant exists. */
  static mayReadParticipant(principal: Principal | null, participantId: string): boolean {
    if (ItineraryAccessPolicy.isStaff(principal)) return true;
    return !!principal?.roles.includes('participant') && principal.participantId === participantId;
  }

  /** A resource and the items held at it: staff, or that resource's contact. */
  static mayReadResource(principal: Principal | null, resourceId: string): boolean {
    if (ItineraryAccessPolicy.isStaff(principal)) return true;
    return !!principal?.roles.includes('contact') && principal.contactId === resourceId;
  }

  /** One item: staff, or the contact of its venue or its resource organisation. */
  static mayReadItem(principal: Principal | null, item: { venueId: string | null; resourceId: string | null }): boolean {
    if (ItineraryAccessPolicy.isStaff(principal)) return true;
    return [item.venueId, item.resourceId].some((id) => id !== null && ItineraryAccessPolicy.mayReadResource(principal, id));
  }
}
