import type { Server } from 'node:http';
import { describeRouteWalk, testTokens as tokens } from '@diplomacy/testing';
import type { ProbeRequest, RouteTable, TestTokenName as TokenName } from '@diplomacy/testing';
import { eventBody, publishedEvent, register, registrant, startHarness } from './community-events.harness';
import type { Harness } from './community-events.harness';

/**
 * Every route of the service's OpenAPI document, tried with no token, a token of the wrong
 * role, the right role in another organisation, and the right token. The table below is the
 * security model of community-events route by route; a route without an entry fails the walk.
 *
 * Defaults: the right caller is the home organisation's coordinator (writes) or viewer
 * (reads); the wrong role is a viewer (writes: read-only) or a participant (reads: not staff);
 * the other tenant is a coordinator of another organisation. Fixtures belong to the home
 * organisation and are made fresh for each probe, so writes never see each other's effects.
 */
let harness: Harness;

const ORGANISER_WRITE = { none: 401, wrongRole: 403, otherTenant: 404, right: 200 };
const ORGANISER_READ = { none: 401, wrongRole: 403, otherTenant: 404, right: 200 };
const READ_AS = { wrongRole: 'participant', right: 'viewer', otherTenant: 'otherViewer' } as const;
const PUBLIC = (status: number) => ({ none: status, wrongRole: status, otherTenant: status, right: status });

async function draftEvent(): Promise<string> {
  return (await harness.http().post('/community-events').send(eventBody()).expect(201)).body.id as string;
}

async function registration(eventId?: string): Promise<{ eventId: string; id: string; token: string }> {
  const event = eventId ?? (await publishedEvent(harness));
  const registered = await register(harness, event, registrant(1));
  return { eventId: event, id: registered.id, token: registered.selfServiceToken };
}

/** A waitlisted party promoted to an offer: the first party of a one-seat event cancels. */
async function offeredRegistration(): Promise<string> {
  const eventId = await publishedEvent(harness, { capacity: 1, claimWindowHours: 24 });
  const first = await register(harness, eventId, registrant(1));
  const second = await register(harness, eventId, registrant(1));
  await harness.anonymous().delete(`/registrations/self/${first.selfServiceToken}`).expect(200);
  return second.selfServiceToken;
}

async function slotWithRegistration(): Promise<{ token: string; slotId: string }> {
  const { eventId, token } = await registration();
  const slot = await harness.http().post(`/community-events/${eventId}/slots`).send({ label: `Dish ${Math.random()}`, quantity: 5 }).expect(201);
  return { token, slotId: slot.body.id as string };
}

const withEvent = (make: () => Promise<string>, extra: Omit<ProbeRequest, 'params'> = {}) => async (): Promise<ProbeRequest> => ({ params: { id: await make() }, ...extra });

const table: RouteTable<TokenName> = {
  'POST /community-events': {
    expect: { none: 401, wrongRole: 403, otherTenant: 201, right: 201 },
    note: 'another organisation’s coordinator creates in their own organisation (the body names none)',
    request: () => ({ body: { ...eventBody(), organisationId: undefined } }),
  },
  'GET /community-events': { expect: PUBLIC(200), note: 'public listing of published public events' },
  'GET /community-events/{id}': {
    expect: { none: 404, wrongRole: 404, otherTenant: 404, right: 200 },
    as: READ_AS,
    note: 'public page; a draft exists only for its own organisation’s staff',
    request: withEvent(draftEvent),
  },
  'PATCH /community-events/{id}': {
    expect: ORGANISER_WRITE,
    request: withEvent(() => publishedEvent(harness), { headers: { 'If-Match': '"2"' }, body: { title: 'Renamed' } }),
  },
  'POST /community-events/{id}/publish': { expect: ORGANISER_WRITE, request: withEvent(draftEvent) },
  'POST /community-events/{id}/cancel': { expect: ORGANISER_WRITE, request: withEvent(() => publishedEvent(harness), { body: { reason: 'Storm' } }) },
  'POST /community-events/{id}/registrations': {
    expect: PUBLIC(201),
    note: 'public registration (rate-limited)',
    request: async () => ({ params: { id: await publishedEvent(harness) }, body: registrant(1) }),
  },
  'GET /registrations/self/{token}': { expect: PUBLIC(200), request: async () => ({ params: { token: (await registration()).token } }) },
  'PATCH /registrations/self/{token}': { expect: PUBLIC(200), request: async () => ({ params: { token: (await registration()).token }, body: { partySize: 2 } }) },
  'DELETE /registrations/self/{token}': { expect: PUBLIC(200), request: async () => ({ params: { token: (await registration()).token } }) },
  'POST /registrations/self/{token}/claim': { expect: PUBLIC(200), request: async () => ({ params: { token: await offeredRegistration() } }) },
  'POST /community-events/{id}/slots': {
    expect: { ...ORGANISER_WRITE, right: 201 },
    request: withEvent(() => publishedEvent(harness), { body: { label: 'Salads', quantity: 3 } }),
  },
  'GET /community-events/{id}/slots': { expect: ORGANISER_READ, as: READ_AS, request: withEvent(() => publishedEvent(harness)) },
  'PUT /registrations/self/{token}/slots/{slotId}': {
    expect: PUBLIC(200),
    request: async () => {
      const { token, slotId } = await slotWithRegistration();
      return { params: { token, slotId }, body: { quantity: 1 } };
    },
  },
  'DELETE /registrations/self/{token}/slots/{slotId}': {
    expect: PUBLIC(200),
    request: async () => {
      const { token, slotId } = await slotWithRegistration();
      return { params: { token, slotId } };
    },
  },
  'POST /community-events/{id}/check-ins': {
    expect: { ...ORGANISER_WRITE, right: 201 },
    request: async () => {
      const { eventId, id } = await registration();
      return { params: { id: eventId }, body: { registrationId: id } };
    },
  },
  'GET /community-events/{id}/check-ins/lookup': {
    expect: ORGANISER_READ,
    as: READ_AS,
    request: async () => ({ params: { id: (await registration()).eventId }, query: { name: 'Resident' } }),
  },
  'GET /community-events/{id}/exports/registrants.csv': { expect: ORGANISER_READ, as: READ_AS, request: async () => ({ params: { id: (await registration()).eventId } }) },
  'GET /community-events/{id}/exports/waitlist.csv': { expect: ORGANISER_READ, as: READ_AS, request: withEvent(() => publishedEvent(harness)) },
  'GET /community-events/{id}/exports/check-ins.csv': { expect: ORGANISER_READ, as: READ_AS, request: withEvent(() => publishedEvent(harness)) },
};

describe('community-events route walk (real Postgres, real Kafka)', () => {
  beforeAll(async () => {
    harness = await startHarness('community_events_route_walk_test');
  });

  afterAll(async () => {
    await harness?.stop();
  });

  describeRouteWalk<TokenName>({
    table,
    tokens,
    service: () => ({ server: harness.service.app.getHttpServer() as Server, openApi: harness.service.openApi }),
  });
});
