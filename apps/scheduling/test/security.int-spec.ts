import { randomUUID } from 'node:crypto';
import { CommunityEventPublished, ProgramStatusChanged } from '@diplomacy/contracts';
import type { CommunityEventSnapshotV1 } from '@diplomacy/contracts';
import { HOME_ORG, OTHER_ORG, eventually, testToken, testTokens as tokens } from '@diplomacy/testing';
import { SchedulingHarness, kc } from './scheduling-harness';

let hour = 0;
/** An item in an hour of its own, for the whole delegation unless told otherwise. */
const item = (overrides: Record<string, unknown> = {}) => {
  hour += 2;
  const startsAt = new Date(Date.parse('2027-03-09T14:00:00Z') + hour * 3_600_000);
  return {
    kind: 'workshop-panel',
    title: `Meeting ${hour}`,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
    timeZone: kc.timeZone,
    attendees: { wholeDelegation: true },
    ...overrides,
  };
};

const venue = (name: string) => ({ kind: 'venue', name, timeZone: kc.timeZone, exclusive: false, address: kc.address, contact: { name: `${name} front desk` } });

describe('scheduling security (real Postgres, real Kafka)', () => {
  let h: SchedulingHarness;

  beforeAll(async () => {
    h = await SchedulingHarness.start('scheduling_security_test');
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('needs a token on every route but the calendar feed and the probes', async () => {
    const { programId } = await h.newProgram(1);
    const refused = await h.anonymous().get(`/programs/${programId}/itinerary`).expect(401);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(refused.body).toMatchObject({ status: 401, code: 'unauthenticated' });
    await h.http('not.a.jwt').get(`/programs/${programId}/itinerary`).expect(401);
    await h.anonymous().get('/health/live').expect(200);
  });

  describe('participants read their own itinerary', () => {
    it('shows a participant their own days and book, and nothing of anyone else', async () => {
      const { programId, participantIds } = await h.newProgram(2);
      const [mine, theirs] = participantIds;
      const together = await h.http().post(`/programs/${programId}/agenda-items`).send(item()).expect(201);
      const apart = await h.http().post(`/programs/${programId}/agenda-items`).send(item({ attendees: { wholeDelegation: false, participantIds: [theirs] } })).expect(201);
      const me = h.http(testToken({ roles: ['participant'], sub: 'pia', participantId: mine }));

      const own = await me.get(`/programs/${programId}/participants/${mine}/itinerary`).expect(200);
      const ownIds = own.body.days.flatMap((d: { entries: { item: { itemId: string } }[] }) => d.entries.map((e) => e.item.itemId));
      expect(ownIds).toEqual([together.body.itemId]);
      await me.get(`/programs/${programId}/participants/${mine}/itinerary.pdf`).expect(200).expect('content-type', 'application/pdf');

      // Someone else's itinerary, the whole program, single items and every write are outside the role.
      for (const path of [`/programs/${programId}/participants/${theirs}/itinerary`, `/programs/${programId}/participants/${theirs}/itinerary.pdf`, `/programs/${programId}/itinerary`, `/programs/${programId}/agenda-items`, `/agenda-items/${apart.body.itemId}`]) {
        const refused = await me.get(path).expect(403);
        expect(refused.body).toMatchObject({ status: 403, code: 'forbidden' });
      }
      await me.post(`/agenda-items/${together.body.itemId}/cancel`).set('If-Match', '"1"').send({ reason: 'I would rather not' }).expect(403);
      await me.post(`/programs/${programId}/calendar-feeds`).send({ participantId: mine }).expect(403);

      // The same participant id claimed in another organisation finds no such program.
      const impostor = h.http(testToken({ roles: ['participant'], org: OTHER_ORG, sub: 'oskar', participantId: mine }));
      await impostor.get(`/programs/${programId}/participants/${mine}/itinerary`).expect(404);
    });

    it('reaches a participant their own calendar feed by its secret link, without a token', async () => {
      const { programId, participantIds } = await h.newProgram(2);
      await h.http().post(`/programs/${programId}/agenda-items`).send(item({ title: 'Only for the first', attendees: { wholeDelegation: false, participantIds: [participantIds[0]] } })).expect(201);
      await h.http().post(`/programs/${programId}/agenda-items`).send(item({ title: 'Only for the second', attendees: { wholeDelegation: false, participantIds: [participantIds[1]] } })).expect(201);
      const feed = await h.http().post(`/programs/${programId}/calendar-feeds`).send({ participantId: participantIds[0] }).expect(201);
      const ics = await h.anonymous().get(new URL(feed.body.url).pathname).expect(200).expect('content-type', /text\/calendar/);
      expect(ics.text).toContain('Only for the first');
      expect(ics.text).not.toContain('Only for the second');
    });
  });

  describe('contacts read the agenda items they are part of', () => {
    it('shows the contact of a resource that resource and the items held at it or with it, and nothing else', async () => {
      const { programId } = await h.newProgram(2);
      const police = await h.resource({ kind: 'organisation', name: 'Police department', timeZone: kc.timeZone, exclusive: false, contact: { name: 'Sgt. Carl Lee' } });
      const hall = await h.resource(venue('Town hall'));
      const library = await h.resource(venue('Library'));
      const withPolice = await h.http().post(`/programs/${programId}/agenda-items`).send(item({ kind: 'resource-meeting', resourceId: police, venueId: library })).expect(201);
      const atPolice = await h.http().post(`/programs/${programId}/agenda-items`).send(item({ kind: 'site-visit', venueId: police })).expect(201);
      const elsewhere = await h.http().post(`/programs/${programId}/agenda-items`).send(item({ venueId: hall })).expect(201);
      const carl = h.http(testToken({ roles: ['contact'], sub: 'carl', contactId: police }));

      expect((await carl.get(`/resources/${police}`).expect(200)).body).toMatchObject({ resourceId: police, organisationId: HOME_ORG });
      const agenda = await carl.get(`/resources/${police}/agenda-items`).expect(200);
      expect(agenda.body.items.map((i: { itemId: string }) => i.itemId).sort()).toEqual([withPolice.body.itemId, atPolice.body.itemId].sort());
      await carl.get(`/agenda-items/${withPolice.body.itemId}`).expect(200);
      await carl.get(`/agenda-items/${atPolice.body.itemId}`).expect(200);
      // An item the contact is not part of is not found for them (its existence does not leak).
      expect((await carl.get(`/agenda-items/${elsewhere.body.itemId}`).expect(404)).body.code).toBe('agenda-item-not-found');
      // Another resource, the program's views and any write are outside the role.
      await carl.get(`/resources/${hall}`).expect(403);
      await carl.get(`/resources/${hall}/agenda-items`).expect(403);
      await carl.get(`/programs/${programId}/itinerary`).expect(403);
      await carl.post(`/agenda-items/${withPolice.body.itemId}/confirm`).set('If-Match', '"1"').expect(403);
      // Staff see every resource's agenda.
      expect((await h.http(tokens.viewer).get(`/resources/${hall}/agenda-items`).expect(200)).body.items).toHaveLength(1);
    });
  });

  describe('viewers read, never write', () => {
    it('lets a viewer read the organisation’s itineraries and resources and refuses every write', async () => {
      const { programId } = await h.newProgram(1);
      const hall = await h.resource(venue('Viewer hall'));
      const created = await h.http().post(`/programs/${programId}/agenda-items`).send(item({ venueId: hall })).expect(201);
      const viewer = h.http(tokens.viewer);
      await viewer.get(`/programs/${programId}/agenda-items`).expect(200);
      await viewer.get(`/programs/${programId}/itinerary`).expect(200);
      await viewer.get(`/agenda-items/${created.body.itemId}`).expect(200);
      await viewer.get(`/resources/${hall}`).expect(200);

      await viewer.post(`/programs/${programId}/agenda-items`).send(item()).expect(403);
      await viewer.post('/resources').send(venue('Not allowed')).expect(403);
      await viewer.post(`/agenda-items/${created.body.itemId}/confirm`).set('If-Match', '"1"').expect(403);
      await viewer.post(`/programs/${programId}/calendar-feeds`).send({}).expect(403);
      const unchanged = await h.http().get(`/agenda-items/${created.body.itemId}`).expect(200);
      expect(unchanged.body).toMatchObject({ status: 'tentative', version: 1 });
    });
  });

  describe('tenancy', () => {
    it('answers another organisation’s programs, items, resources and feeds with 404 and leaves them unchanged; a platform admin sees them', async () => {
      const { programId } = await h.newProgram(1);
      const hall = await h.resource(venue('Home hall'));
      const created = await h.http().post(`/programs/${programId}/agenda-items`).send(item({ venueId: hall })).expect(201);
      const itemId = created.body.itemId as string;
      const feed = await h.http().post(`/programs/${programId}/calendar-feeds`).send({}).expect(201);
      const other = h.http(tokens.otherCoordinator);

      for (const path of [`/programs/${programId}/agenda-items`, `/programs/${programId}/itinerary`, `/programs/${programId}/itinerary.pdf`, `/agenda-items/${itemId}`, `/resources/${hall}`, `/resources/${hall}/agenda-items`]) {
        const hidden = await other.get(path).expect(404);
        expect(hidden.headers['content-type']).toContain('application/problem+json');
      }
      await other.post(`/agenda-items/${itemId}/reschedule`).set('If-Match', '"1"').send({ startsAt: '2027-03-19T15:00:00Z', endsAt: '2027-03-19T16:00:00Z' }).expect(404);
      await other.post(`/agenda-items/${itemId}/cancel`).set('If-Match', '"1"').send({ reason: 'Taken over' }).expect(404);
      await other.post(`/programs/${programId}/agenda-items`).send(item()).expect(404);
      await other.delete(`/calendar-feeds/${feed.body.feedId}`).expect(404);
      await h.anonymous().get(new URL(feed.body.url).pathname).expect(200);
      expect((await h.http().get(`/agenda-items/${itemId}`).expect(200)).body).toMatchObject({ status: 'tentative', version: 1 });

      // Its own program cannot book the home organisation's venue either: to it, the venue does not exist.
      const theirs = await h.newProgram(1, undefined, [], { organisationId: OTHER_ORG });
      const refused = await other.post(`/programs/${theirs.programId}/agenda-items`).send(item({ venueId: hall })).expect(400);
      expect(refused.body.errors[0].field).toBe('venueId');

      expect((await h.http(tokens.platformAdmin).get(`/agenda-items/${itemId}`).expect(200)).body.itemId).toBe(itemId);
      await h.http(tokens.platformAdmin).get(`/programs/${theirs.programId}/itinerary`).expect(200);
    });

    it('registers resources in the caller’s organisation; only a platform admin names one', async () => {
      const own = await h.http().post('/resources').send(venue('Own')).expect(201);
      expect(own.body.organisationId).toBe(HOME_ORG);
      const mismatch = await h.http().post('/resources').send({ ...venue('Theirs'), organisationId: OTHER_ORG }).expect(403);
      expect(mismatch.body.code).toBe('organisation-mismatch');
      const unnamed = await h.http(tokens.platformAdmin).post('/resources').send(venue('Nobody’s')).expect(400);
      expect(unnamed.body.errors[0].field).toBe('organisationId');
      const named = await h.http(tokens.platformAdmin).post('/resources').send({ ...venue('Admin made'), organisationId: OTHER_ORG }).expect(201);
      expect(named.body.organisationId).toBe(OTHER_ORG);
      await h.http().get(`/resources/${named.body.resourceId}`).expect(404);
      await h.http(tokens.otherViewer).get(`/resources/${named.body.resourceId}`).expect(200);
    });
  });

  describe('consumers keep the tenant scope of each event', () => {
    it('keeps a program announced by another organisation in that organisation', async () => {
      const theirs = await h.newProgram(1, undefined, [], { organisationId: OTHER_ORG });
      await h.http().get(`/programs/${theirs.programId}/itinerary`).expect(404);
      await h.http(tokens.otherCoordinator).post(`/programs/${theirs.programId}/agenda-items`).send(item()).expect(201);
      const [row] = await h.dataSource.query(`SELECT organisation_id FROM scheduled_programs WHERE program_id = $1`, [theirs.programId]);
      expect(row.organisation_id).toBe(OTHER_ORG);
    });

    it('lets an event of one organisation change nothing of another’s program', async () => {
      const { programId } = await h.newProgram(1);
      const created = await h.http().post(`/programs/${programId}/agenda-items`).send(item()).expect(201);
      // A cancellation carrying another organisation on its envelope: in that scope the program is unknown.
      await h.publishProgramsEvent(ProgramStatusChanged, programId, { programId, from: 'planned', to: 'cancelled', reason: 'Hijacked', version: 2 }, OTHER_ORG);
      // The same key keeps order: once the next participant is in, the cancellation was handled before it.
      await h.addParticipant(programId, randomUUID());
      await h.waitForParticipants(programId, 2);
      expect((await h.http().get(`/agenda-items/${created.body.itemId}`).expect(200)).body.status).toBe('tentative');
      const [row] = await h.dataSource.query(`SELECT status FROM scheduled_programs WHERE program_id = $1`, [programId]);
      expect(row.status).toBe('planned');
    });

    it('puts a community event only on programs of its own organisation', async () => {
      const { programId } = await h.newProgram(1);
      const start = new Date('2027-03-12T23:00:00Z');
      const snapshot = (organisationId: string): CommunityEventSnapshotV1 => ({
        eventId: randomUUID(),
        organisationId,
        kind: 'potluck',
        title: `Potluck of ${organisationId}`,
        description: null,
        coHostOrganisationIds: [],
        venue: { name: 'Community hall', address: '1 Main St, Kansas City, MO' },
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
        timeZone: kc.timeZone,
        capacity: 40,
        maxPartySize: 4,
        registrationOpensAt: null,
        registrationClosesAt: null,
        visibility: 'public',
        status: 'published',
        programIds: [programId],
        version: 1,
      });
      const foreign = snapshot(OTHER_ORG);
      await h.publishCommunityEvent(CommunityEventPublished, foreign.eventId, foreign, OTHER_ORG);
      await eventually(async () => {
        const rows = await h.dataSource.query(`SELECT state, organisation_id FROM community_event_links WHERE event_id = $1`, [foreign.eventId]);
        expect(rows).toEqual([{ state: 'program-not-known', organisation_id: OTHER_ORG }]);
      }, 30_000);
      const own = snapshot(HOME_ORG);
      await h.publishCommunityEvent(CommunityEventPublished, own.eventId, own);
      const titles = async () => ((await h.http().get(`/programs/${programId}/agenda-items`).expect(200)).body.items as { title: string }[]).map((i) => i.title);
      await eventually(async () => expect(await titles()).toContain(`Potluck of ${HOME_ORG}`), 30_000);
      expect(await titles()).not.toContain(`Potluck of ${OTHER_ORG}`);
      // The venue it brought is the home organisation's own.
      const [venueRow] = await h.dataSource.query(`SELECT r.organisation_id FROM agenda_items i JOIN resources r ON r.id = i.venue_id WHERE i.program_id = $1 AND i.kind = 'community-event'`, [programId]);
      expect(venueRow.organisation_id).toBe(HOME_ORG);
    });
  });
});

describe('scheduling rate limits (real Postgres, real Kafka)', () => {
  let h: SchedulingHarness;

  beforeAll(async () => {
    h = await SchedulingHarness.start('scheduling_limits_test', { RATE_LIMIT_BURST: '3', RATE_LIMIT_PER_MINUTE: '1' });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('limits guessing calendar feed links like a login: 429 problem+json with Retry-After once the burst is spent', async () => {
    const guess = () => h.anonymous().get(`/calendar/${randomUUID()}.${'x'.repeat(43)}.ics`);
    for (let i = 0; i < 3; i += 1) await guess().expect(404);
    const limited = await guess().expect(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Routes behind a token are not limited.
    for (let i = 0; i < 5; i += 1) await h.http().post('/resources').send(venue(`Hall ${i}`)).expect(201);
  });
});
