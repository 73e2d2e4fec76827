import { HOME_ORG, OTHER_ORG, eventually, testToken, testTokens as tokens } from '@diplomacy/testing';
import { startTwoTenants } from './two-tenants.fixture';
import type { TwoTenants } from './two-tenants.fixture';

describe('notifications security and tenancy (real Postgres, real Kafka)', () => {
  let f: TwoTenants;
  let amina: string;
  let pedro: string;
  let olga: string;

  beforeAll(async () => {
    f = await startTwoTenants('notifications_security_test');
    [amina, pedro] = f.home.people.map((p) => p.participantId);
    olga = f.other.people[0].participantId;
  });

  afterAll(async () => {
    await f?.stop();
  });

  it('answers every route without a token with 401 problem+json and a Bearer challenge, and keeps health and metrics anonymous', async () => {
    const response = await f.n.api(null).get(`/recipients/${amina}/inbox`).expect(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.body).toMatchObject({ status: 401, code: 'unauthenticated' });
    await f.n.api(null).get('/health/live').expect(200);
    await f.n.api(null).get('/metrics').expect(200);
  });

  describe('a participant', () => {
    it('reads her own inbox and unread count, and marks her own entry read', async () => {
      const me = f.n.api(f.aminaToken);
      const inbox = await me.get(`/recipients/${amina}/inbox`).expect(200);
      expect(inbox.body.map((e: { notificationId: string }) => e.notificationId)).toEqual([f.aminaInApp]);
      expect((await me.get(`/recipients/${amina}/inbox/unread-count`).expect(200)).body).toEqual({ unread: 1 });
      const read = await me.post(`/recipients/${amina}/inbox/${f.aminaInApp}/read`).expect(200);
      expect(read.body.readAt).not.toBeNull();
      expect((await me.get(`/recipients/${amina}/inbox/unread-count`).expect(200)).body).toEqual({ unread: 0 });
    });

    it('finds no one else’s inbox (404, as if it did not exist), and cannot mark another’s entry read', async () => {
      const me = f.n.api(f.aminaToken);
      for (const url of [`/recipients/${pedro}/inbox`, `/recipients/${pedro}/inbox/unread-count`]) {
        const refused = await me.get(url).expect(404);
        expect(refused.body.code).toBe('recipient-not-known');
      }
      await me.post(`/recipients/${pedro}/inbox/${f.pedroInApp}/read`).expect(404);
      // Her own id with his notification: not in her inbox.
      await me.post(`/recipients/${amina}/inbox/${f.pedroInApp}/read`).expect(404);
      const [pedroRow] = await f.n.dataSource.query(`SELECT read_at FROM notifications WHERE notification_id = $1`, [f.pedroInApp]);
      expect(pedroRow.read_at).toBeNull();
      // Another participant token of the same organisation does not open Amina's inbox either.
      await f.n.api(tokens.participant).get(`/recipients/${amina}/inbox`).expect(404);
    });

    it('reads nothing meant for staff: recipients, delivery logs, webhook subscribers (403)', async () => {
      const me = f.n.api(f.aminaToken);
      for (const url of [`/recipients/${amina}`, `/recipients/${amina}/deliveries`, `/recipients/${amina}/preferences`, `/source-events/${f.home.reschedule.id}/deliveries`, `/webhook-subscribers/${f.home.subscriberId}`, `/program-directory/${f.home.programId}`]) {
        const refused = await me.get(url).expect(403);
        expect([url, refused.body.code]).toEqual([url, 'forbidden']);
      }
    });
  });

  describe('staff', () => {
    it('lets a viewer read inboxes and delivery status but never mark read or manage webhooks', async () => {
      const viewer = f.n.api(tokens.viewer);
      await viewer.get(`/recipients/${pedro}/inbox`).expect(200);
      expect((await viewer.get(`/source-events/${f.home.reschedule.id}/deliveries`).expect(200)).body.length).toBeGreaterThan(0);
      expect((await viewer.post(`/recipients/${pedro}/inbox/${f.pedroInApp}/read`).expect(403)).body.code).toBe('forbidden');
      await viewer.post('/webhook-subscribers').send({ name: 'x', url: f.receiver.url('/x'), eventTypes: ['*'] }).expect(403);
      await viewer.delete(`/webhook-subscribers/${f.home.subscriberId}`).expect(403);
    });

    it('puts a coordinator’s webhook subscriber in their organisation, refuses naming another (403), and never answers the secret again', async () => {
      const coordinator = f.n.api(tokens.coordinator);
      const created = await coordinator.post('/webhook-subscribers').send({ name: 'Mine', url: f.receiver.url('/mine'), eventTypes: ['*'] }).expect(201);
      expect(created.body).toMatchObject({ organisationId: HOME_ORG, secret: expect.any(String) });
      const read = await coordinator.get(`/webhook-subscribers/${created.body.subscriberId}`).expect(200);
      expect(read.body).not.toHaveProperty('secret');
      expect(JSON.stringify(read.body)).not.toContain(created.body.secret);
      const [stored] = await f.n.dataSource.query(`SELECT secret_ciphertext FROM webhook_subscribers WHERE subscriber_id = $1`, [created.body.subscriberId]);
      expect(stored.secret_ciphertext).not.toContain(created.body.secret);
      const mismatch = await coordinator.post('/webhook-subscribers').send({ name: 'Theirs', url: f.receiver.url('/t'), eventTypes: ['*'], organisationId: OTHER_ORG }).expect(403);
      expect(mismatch.body.code).toBe('organisation-mismatch');
      const global = await f.n.api(tokens.platformAdmin).post('/webhook-subscribers').send({ name: 'Platform', url: f.receiver.url('/all'), eventTypes: ['program.created'] }).expect(201);
      expect(global.body.organisationId).toBeNull();
      // A subscriber of every organisation is the platform's: no organisation's coordinator sees it.
      await coordinator.get(`/webhook-subscribers/${global.body.subscriberId}`).expect(404);
    });
  });

  describe('another organisation', () => {
    it('answers the home organisation’s people, programs and subscribers with 404 and changes nothing', async () => {
      const other = f.n.api(tokens.otherCoordinator);
      for (const url of [
        `/recipients/${amina}`,
        `/recipients/${amina}/preferences`,
        `/recipients/${amina}/deliveries`,
        `/recipients/${amina}/inbox`,
        `/recipients/${amina}/inbox/unread-count`,
        `/program-directory/${f.home.programId}`,
        `/webhook-subscribers/${f.home.subscriberId}`,
      ]) {
        const missing = await other.get(url).expect(404);
        expect([url, missing.headers['content-type']]).toEqual([url, expect.stringContaining('application/problem+json')]);
      }
      await other.put(`/recipients/${pedro}/preferences`).send({ channels: [{ channel: 'email', enabled: false, optedOutCategories: [] }] }).expect(404);
      await other.post(`/recipients/${pedro}/inbox/${f.pedroInApp}/read`).expect(404);
      await other.delete(`/webhook-subscribers/${f.home.subscriberId}`).expect(404);
      expect((await other.get(`/source-events/${f.home.reschedule.id}/deliveries`).expect(200)).body).toEqual([]);

      const home = f.n.api(tokens.coordinator);
      expect((await home.get(`/recipients/${pedro}/preferences`).expect(200)).body.channels).toEqual([]);
      expect((await home.get(`/webhook-subscribers/${f.home.subscriberId}`).expect(200)).body.active).toBe(true);
      const [pedroRow] = await f.n.dataSource.query(`SELECT read_at FROM notifications WHERE notification_id = $1`, [f.pedroInApp]);
      expect(pedroRow.read_at).toBeNull();
    });

    it('sees its own: the other organisation reads its participant, and the home organisation does not', async () => {
      await f.n.api(tokens.otherViewer).get(`/recipients/${olga}/inbox`).expect(200);
      await f.n.api(tokens.viewer).get(`/recipients/${olga}`).expect(404);
      const admin = f.n.api(tokens.platformAdmin);
      await admin.get(`/recipients/${olga}`).expect(200);
      await admin.get(`/recipients/${amina}`).expect(200);
    });
  });

  describe('the consumer keeps each event in its organisation', () => {
    it('writes every notification of an event under the envelope’s organisation and links its people to that organisation only', async () => {
      const organisations = async (eventId: string) =>
        (await f.n.dataSource.query(`SELECT DISTINCT organisation_id FROM notifications WHERE source_event_id = $1`, [eventId])).map((r: { organisation_id: string }) => r.organisation_id);
      expect(await organisations(f.home.reschedule.id)).toEqual([HOME_ORG]);
      expect(await organisations(f.other.reschedule.id)).toEqual([OTHER_ORG]);
      const links = async (recipientId: string) =>
        (await f.n.dataSource.query(`SELECT organisation_id FROM recipient_organisations WHERE recipient_id = $1 ORDER BY 1`, [recipientId])).map((r: { organisation_id: string }) => r.organisation_id);
      expect(await links(amina)).toEqual([HOME_ORG]);
      expect(await links(olga)).toEqual([OTHER_ORG]);
    });

    it('sends each organisation’s webhook subscriber only its own organisation’s events', async () => {
      const received = (path: string) => f.receiver.requests.filter((r) => r.path === path).map((r) => JSON.parse(r.body).event.id as string);
      // Other suites publish on the shared topics meanwhile, so each receiver may get more; never the other organisation's event.
      await eventually(() => {
        expect(received('/home')).toContain(f.home.reschedule.id);
        expect(received('/other')).toContain(f.other.reschedule.id);
      }, 30_000);
      expect(received('/home')).not.toContain(f.other.reschedule.id);
      expect(received('/other')).not.toContain(f.home.reschedule.id);
    });

    it('lets a participant token of another organisation see nothing of the home organisation, even with the right participant id', async () => {
      const impostor = testToken({ roles: ['participant'], org: OTHER_ORG, sub: 'impostor', participantId: amina });
      await f.n.api(impostor).get(`/recipients/${amina}/inbox`).expect(404);
    });
  });
});
