import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { OTHER_ORG, describeRouteWalk, testToken, testTokens } from '@diplomacy/testing';
import type { ProbeRequest, RouteTable, TestTokenName } from '@diplomacy/testing';
import { SchedulingHarness, kc } from './scheduling-harness';

/**
 * Every route of scheduling's OpenAPI document, tried with no token, a token of the wrong
 * role, the right role in another organisation, and the right token. The table below is the
 * security model of scheduling route by route; a route without an entry fails the walk.
 *
 * Defaults: the right caller is the home organisation's coordinator (writes) or viewer
 * (reads); the wrong role is a viewer (writes: read-only) or a participant (reads: not staff);
 * the other tenant is a coordinator or viewer of another organisation. Participant and contact
 * routes are walked with the participant or contact they are for, and "another tenant" is then
 * a token claiming the same participant or contact id in another organisation. Fixtures belong
 * to the home organisation; writes get a fresh item or feed for each probe.
 */
const PARTICIPANT = randomUUID();

type TokenName = TestTokenName | 'ownParticipant' | 'otherOrgParticipant' | 'resourceContact' | 'otherOrgContact';

/** The contact tokens name the walk's resource, which only exists once the service runs: filled in by beforeAll. */
const tokens: Record<TokenName, string> = {
  ...testTokens,
  ownParticipant: testToken({ roles: ['participant'], sub: 'pia', participantId: PARTICIPANT }),
  otherOrgParticipant: testToken({ roles: ['participant'], org: OTHER_ORG, sub: 'oskar', participantId: PARTICIPANT }),
  resourceContact: '',
  otherOrgContact: '',
};

let h: SchedulingHarness;
let programId: string;
let contactResource: string;
let slot = 0;

const WRITE = { none: 401, wrongRole: 403, otherTenant: 404, right: 200 };
const READ = { none: 401, wrongRole: 403, otherTenant: 404, right: 200 };
const READ_AS = { wrongRole: 'participant', right: 'viewer', otherTenant: 'otherViewer' } as const;
const PARTICIPANT_AS = { wrongRole: 'contact', right: 'ownParticipant', otherTenant: 'otherOrgParticipant' } as const;
const CONTACT_AS = { wrongRole: 'participant', right: 'resourceContact', otherTenant: 'otherOrgContact' } as const;
const PUBLIC = (status: number) => ({ none: status, wrongRole: status, otherTenant: status, right: status });

/** An item body in an hour of its own, so the walk's items never overlap for the delegation. */
function itemBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  slot += 1;
  const startsAt = new Date(Date.parse('2027-03-09T14:00:00Z') + slot * 2 * 3_600_000);
  return {
    kind: 'workshop-panel',
    title: `Walk item ${slot}`,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
    timeZone: kc.timeZone,
    attendees: { wholeDelegation: true },
    ...extra,
  };
}

async function freshItem(extra: Record<string, unknown> = {}): Promise<string> {
  return (await h.http().post(`/programs/${programId}/agenda-items`).send(itemBody(extra)).expect(201)).body.itemId as string;
}

async function freshFeed(): Promise<{ feedId: string; token: string }> {
  const feed = await h.http().post(`/programs/${programId}/calendar-feeds`).send({ participantId: PARTICIPANT }).expect(201);
  return { feedId: feed.body.feedId as string, token: new URL(feed.body.url as string).pathname.replace('/calendar/', '') };
}

const onItem = (extra: Omit<ProbeRequest, 'params'> = {}) => async (): Promise<ProbeRequest> => ({ params: { itemId: await freshItem() }, headers: { 'If-Match': '"1"' }, ...extra });
const onProgram = (extra: Omit<ProbeRequest, 'params'> = {}) => (): ProbeRequest => ({ params: { programId }, ...extra });
const onParticipant = (): ProbeRequest => ({ params: { programId, participantId: PARTICIPANT } });
const onResource = (): ProbeRequest => ({ params: { resourceId: contactResource } });

const table: RouteTable<TokenName> = {
  'POST /resources': {
    expect: { none: 401, wrongRole: 403, otherTenant: 201, right: 201 },
    note: 'another organisation’s coordinator registers a resource of their own organisation (the body names none)',
    request: () => ({ body: { kind: 'venue', name: `Walk venue ${randomUUID()}`, timeZone: kc.timeZone, exclusive: false } }),
  },
  'GET /resources/{resourceId}': { expect: READ, as: CONTACT_AS, note: 'the resource’s own contact (contact_id = resource id)', request: onResource },
  'GET /resources/{resourceId}/agenda-items': { expect: READ, as: CONTACT_AS, note: 'what the contact is part of', request: onResource },
  'POST /programs/{programId}/agenda-items': { expect: { ...WRITE, right: 201 }, request: onProgram({ body: itemBody() }) },
  'GET /programs/{programId}/agenda-items': { expect: READ, as: READ_AS, request: onProgram() },
  'GET /agenda-items/{itemId}': {
    expect: READ,
    as: CONTACT_AS,
    note: 'an item held at the contact’s venue',
    request: async () => ({ params: { itemId: await freshItem({ venueId: contactResource }) } }),
  },
  'POST /agenda-items/{itemId}/reschedule': {
    expect: WRITE,
    request: async () => {
      const { startsAt, endsAt } = itemBody();
      return { ...(await onItem()()), body: { startsAt, endsAt, reason: 'Walked' } };
    },
  },
  'PUT /agenda-items/{itemId}/attendees': { expect: WRITE, request: onItem({ body: { wholeDelegation: true } }) },
  'POST /agenda-items/{itemId}/confirm': { expect: WRITE, request: onItem() },
  'POST /agenda-items/{itemId}/cancel': { expect: WRITE, request: onItem({ body: { reason: 'Walked' } }) },
  'GET /programs/{programId}/itinerary': { expect: READ, as: READ_AS, request: onProgram() },
  'GET /programs/{programId}/itinerary.pdf': { expect: READ, as: READ_AS, request: onProgram() },
  'GET /programs/{programId}/participants/{participantId}/itinerary': {
    expect: READ,
    as: PARTICIPANT_AS,
    note: 'the participant the token names (participant_id)',
    request: onParticipant,
  },
  'GET /programs/{programId}/participants/{participantId}/itinerary.pdf': { expect: READ, as: PARTICIPANT_AS, request: onParticipant },
  'POST /programs/{programId}/calendar-feeds': { expect: { ...WRITE, right: 201 }, request: onProgram({ body: { participantId: PARTICIPANT } }) },
  'DELETE /calendar-feeds/{feedId}': { expect: { ...WRITE, right: 204 }, request: async () => ({ params: { feedId: (await freshFeed()).feedId } }) },
  'GET /calendar/{token}': { expect: PUBLIC(200), note: 'the secret link is the credential (rate-limited)', request: async () => ({ params: { token: (await freshFeed()).token } }) },
  'GET /audit': {
    expect: { none: 401, wrongRole: 403, otherTenant: 200, right: 200 },
    as: { wrongRole: 'viewer' },
    note: 'coordinators only (a viewer reads itineraries, not who changed them); each reads their own organisation’s log (audit.int-spec.ts checks nothing leaks)',
  },
};

describe('scheduling route walk (real Postgres, real Kafka)', () => {
  beforeAll(async () => {
    h = await SchedulingHarness.start('scheduling_route_walk_test');
    ({ programId } = await h.newProgram(2, undefined, [], { participantIds: [PARTICIPANT, randomUUID()] }));
    contactResource = await h.resource({ kind: 'organisation', name: 'Walk police department', timeZone: kc.timeZone, exclusive: false, contact: { name: 'Sgt. Carl Lee' } });
    tokens.resourceContact = testToken({ roles: ['contact'], sub: 'carl', contactId: contactResource });
    tokens.otherOrgContact = testToken({ roles: ['contact'], org: OTHER_ORG, sub: 'olaf', contactId: contactResource });
  });

  afterAll(async () => {
    await h?.stop();
  });

  describeRouteWalk<TokenName>({
    table,
    tokens,
    service: () => ({ server: h.service.app.getHttpServer() as Server, openApi: h.service.openApi }),
  });
});
