import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { describeRouteWalk, testTokens } from '@diplomacy/testing';
import type { ProbeRequest, RouteTable, TestTokenName } from '@diplomacy/testing';
import { startTwoTenants } from './two-tenants.fixture';
import type { TwoTenants } from './two-tenants.fixture';

/**
 * Every route of the notifications service's OpenAPI document, tried with no token, a token of
 * the wrong role, the right role in another organisation, and the right token. The table is
 * the security model of notifications route by route; a route without an entry fails the walk.
 *
 * Defaults: the right caller is the home organisation's coordinator (writes) or viewer
 * (reads); the wrong role is a viewer (writes: read-only) or a participant (reads: not staff);
 * the other tenant is a coordinator or viewer of another organisation. The inbox is the
 * participant's own: there the right caller is Amina reading her inbox, and the wrong role a
 * contact. Fixtures belong to the home organisation.
 */
let fixture: TwoTenants;

type TokenName = TestTokenName | 'amina';
const tokens = (): Record<TokenName, string> => ({ ...testTokens, amina: fixture.aminaToken });

const STAFF_READ = { none: 401, wrongRole: 403, otherTenant: 404, right: 200 };
const READ_AS = { wrongRole: 'participant', right: 'viewer', otherTenant: 'otherViewer' } as const;
const WRITE = { none: 401, wrongRole: 403, otherTenant: 404, right: 200 };
const OWN_INBOX = { wrongRole: 'contact', right: 'amina', otherTenant: 'otherCoordinator' } as const;

const amina = () => fixture.home.people[0].participantId;
const recipient = (): ProbeRequest => ({ params: { recipientId: amina() } });

async function freshSubscriber(): Promise<ProbeRequest> {
  const created = await fixture.n
    .api()
    .post('/webhook-subscribers')
    .send({ name: `Walk ${randomUUID().slice(0, 6)}`, url: fixture.receiver.url('/walk'), eventTypes: ['program.created'] })
    .expect(201);
  return { params: { subscriberId: created.body.subscriberId } };
}

const table: RouteTable<TokenName> = {
  'GET /program-directory/{programId}': { expect: STAFF_READ, as: READ_AS, request: () => ({ params: { programId: fixture.home.programId } }) },
  'GET /recipients/{recipientId}': { expect: STAFF_READ, as: READ_AS, request: recipient },
  'GET /recipients/{recipientId}/deliveries': { expect: STAFF_READ, as: READ_AS, request: recipient },
  'GET /recipients/{recipientId}/preferences': { expect: STAFF_READ, as: READ_AS, request: recipient },
  'PUT /recipients/{recipientId}/preferences': {
    expect: WRITE,
    request: () => ({ ...recipient(), body: { channels: [{ channel: 'email', enabled: true, optedOutCategories: [] }] } }),
  },
  'GET /recipients/{recipientId}/inbox': { expect: STAFF_READ, as: OWN_INBOX, note: 'the participant’s own inbox', request: recipient },
  'GET /recipients/{recipientId}/inbox/unread-count': { expect: STAFF_READ, as: OWN_INBOX, note: 'the participant’s own inbox', request: recipient },
  'POST /recipients/{recipientId}/inbox/{notificationId}/read': {
    expect: WRITE,
    as: { wrongRole: 'viewer', right: 'amina', otherTenant: 'otherCoordinator' },
    note: 'the participant marks her own entry read (marking twice keeps the first time); a viewer is read-only',
    request: () => ({ params: { recipientId: amina(), notificationId: fixture.aminaInApp } }),
  },
  'GET /source-events/{eventId}/deliveries': {
    expect: { none: 401, wrongRole: 403, otherTenant: 200, right: 200 },
    as: READ_AS,
    note: 'a list filtered to the caller’s organisation: another organisation sees it empty (security.int-spec.ts checks the body)',
    request: () => ({ params: { eventId: fixture.home.reschedule.id } }),
  },
  'POST /webhook-subscribers': {
    expect: { none: 401, wrongRole: 403, otherTenant: 201, right: 201 },
    note: 'another organisation’s coordinator registers one in their own organisation (the body names none)',
    request: () => ({ body: { name: 'Walk', url: fixture.receiver.url('/walk'), eventTypes: ['program.created'] } }),
  },
  'GET /webhook-subscribers/{subscriberId}': { expect: STAFF_READ, as: READ_AS, request: () => ({ params: { subscriberId: fixture.home.subscriberId } }) },
  'DELETE /webhook-subscribers/{subscriberId}': { expect: { ...WRITE, right: 204 }, request: freshSubscriber },
};

describe('notifications route walk (real Postgres, real Kafka)', () => {
  beforeAll(async () => {
    fixture = await startTwoTenants('notifications_route_walk_test');
  });

  afterAll(async () => {
    await fixture?.stop();
  });

  describeRouteWalk<TokenName>({
    table,
    // The participant's token is minted once the fixture knows her id, after the suite's beforeAll.
    get tokens() {
      return tokens();
    },
    service: () => ({ server: fixture.n.http as Server, openApi: fixture.n.service.openApi }),
  });
});
