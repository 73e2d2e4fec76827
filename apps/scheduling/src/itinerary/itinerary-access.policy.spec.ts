import type { Principal } from '@diplomacy/service-kit';
import { ItineraryAccessPolicy } from './itinerary-access.policy';

const org = 'kansas-city-council';
const as = (roles: Principal['roles'], extra: Partial<Principal> = {}): Principal => ({ subject: 's', organisationId: org, roles, ...extra });
const ME = '6a1c2b3d-0000-4000-8000-000000000001';
const SOMEONE_ELSE = '6a1c2b3d-0000-4000-8000-000000000002';
const POLICE = '7b1c2b3d-0000-4000-8000-000000000001';
const LIBRARY = '7b1c2b3d-0000-4000-8000-000000000002';

describe('ItineraryAccessPolicy', () => {
  it('lets a participant read their own itinerary only, and staff any', () => {
    expect(ItineraryAccessPolicy.mayReadParticipant(as(['participant'], { participantId: ME }), ME)).toBe(true);
    expect(ItineraryAccessPolicy.mayReadParticipant(as(['participant'], { participantId: ME }), SOMEONE_ELSE)).toBe(false);
    expect(ItineraryAccessPolicy.mayReadParticipant(as(['viewer']), SOMEONE_ELSE)).toBe(true);
    expect(ItineraryAccessPolicy.mayReadParticipant(as(['platform-admin'], { organisationId: null }), SOMEONE_ELSE)).toBe(true);
    // A contact whose id happens to equal a participant id is still not that participant.
    expect(ItineraryAccessPolicy.mayReadParticipant(as(['contact'], { contactId: ME }), ME)).toBe(false);
    expect(ItineraryAccessPolicy.mayReadParticipant(null, ME)).toBe(false);
  });

  it('lets a contact read their own resource and the items at it or with it', () => {
    const police = as(['contact'], { contactId: POLICE });
    expect(ItineraryAccessPolicy.mayReadResource(police, POLICE)).toBe(true);
    expect(ItineraryAccessPolicy.mayReadResource(police, LIBRARY)).toBe(false);
    expect(ItineraryAccessPolicy.mayReadItem(police, { venueId: LIBRARY, resourceId: POLICE })).toBe(true);
    expect(ItineraryAccessPolicy.mayReadItem(police, { venueId: POLICE, resourceId: null })).toBe(true);
    expect(ItineraryAccessPolicy.mayReadItem(police, { venueId: LIBRARY, resourceId: null })).toBe(false);
    expect(ItineraryAccessPolicy.mayReadItem(police, { venueId: null, resourceId: null })).toBe(false);
    expect(ItineraryAccessPolicy.mayReadItem(as(['participant'], { participantId: POLICE }), { venueId: POLICE, resourceId: null })).toBe(false);
    expect(ItineraryAccessPolicy.mayReadItem(as(['coordinator']), { venueId: null, resourceId: null })).toBe(true);
  });
});
