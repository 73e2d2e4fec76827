import request from 'supertest';
import { COMMON_DEFAULTS, DEV_AUTH_JWT_SECRET, signHs256 } from '@diplomacy/service-kit';
import { eventBody, publishedEvent, register, registrant, startHarness } from './community-events.harness';
import type { Harness } from './community-events.harness';
import { HOME_ORG, OTHER_ORG, testToken, testTokens as tokens } from '@diplomacy/testing';

describe('community-events security (real Postgres, real Kafka)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness('community_events_security_test');
  });

  afterAll(async () => {
    await harness?.stop();
  });

  describe('authentication', () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: COMMON_DEFAULTS.AUTH_ISSUER, aud: COMMON_DEFAULTS.AUTH_AUDIENCE, sub: 'ana', org: HOME_ORG, roles: ['coordinator'], iat: now, exp: now + 600 };

    it.each([
      ['no token', null, 'unauthenticated'],
      ['an expired token', signHs256({ ...claims, exp: now - 120 }, DEV_AUTH_JWT_SECRET), 'invalid-token'],
      ['another issuer', signHs256({ ...claims, iss: 'https://evil.example' }, DEV_AUTH_JWT_SECRET), 'invalid-token'],
      ['another audience', signHs256({ ...claims, aud: 'billing' }, DEV_AUTH_JWT_SECRET), 'invalid-token'],
      ['another secret', signHs256(claims, 'a-secret-nobody-configured-000000000000'), 'invalid-token'],
      ['no known role', signHs256({ ...claims, roles: ['root'] }, DEV_AUTH_JWT_SECRET), 'invalid-token'],
      ['a coordinator without organisation', signHs256({ ...claims, org: undefined }, DEV_AUTH_JWT_SECRET), 'invalid-token'],
      ['garbage', 'not.a.jwt', 'invalid-token'],
    ])('answers %s with 401 problem+json and a Bearer challenge', async (_case, token, code) => {
      const response = await harness.http(token).post('/community-events').send(eventBody()).expect(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.body).toMatchObject({ status: 401, code });
      // The reason stays in the logs: it would only help a forger.
      expect(JSON.stringify(response.body)).not.toMatch(/wrong issuer|wrong audience|bad signature|exp missing|known role/);
    });

    it('treats a non-bearer Authorization header as an invalid token', async () => {
      const response = await harness.anonymous().get('/community-events/00000000-0000-4000-8000-000000000000/slots').set('Authorization', 'Basic YW5hOnNlY3JldA==').expect(401);
      expect(response.body.code).toBe('invalid-token');
    });

    it('keeps health probes and the public listing anonymous', async () => {
      await harness.anonymous().get('/health/live').expect(200);
      await harness.anonymous().get('/metrics').expect(200);
      await harness.anonymous().get('/community-events').expect(200);
    });
  });

  describe('tenancy', () => {
    it('creates events in the caller’s organisation and stamps it on their envelopes', async () => {
      const { organisationId: _ignored, ...body } = eventBody();
      const created = await harness.http().post('/community-events').send(body).expect(201);
      expect(created.body.organisationId).toBe(HOME_ORG);
      await harness.http().post(`/community-events/${created.body.id}/publish`).expect(200);
      const [published] = await harness.waitForEnvelopes(created.body.id, (all) => all.length >= 1);
      expect(published.organisationId).toBe(HOME_ORG);
    });

    it('refuses a coordinator naming another organisation (403), and makes a platform admin name one', async () => {
      const mismatch = await harness.http().post('/community-events').send(eventBody({ organisationId: OTHER_ORG })).expect(403);
      expect(mismatch.body.code).toBe('organisation-mismatch');
      const { organisationId: _ignored, ...body } = eventBody();
      const unnamed = await harness.http(tokens.platformAdmin).post('/community-events').send(body).expect(400);
      expect(unnamed.body.errors[0].field).toBe('organisationId');
      const named = await harness.http(tokens.platformAdmin).post('/community-events').send(eventBody({ organisationId: OTHER_ORG })).expect(201);
      expect(named.body.organisationId).toBe(OTHER_ORG);
    });

    it('answers another organisation’s event with 404 on every organiser route and leaves it unchanged; a platform admin sees it', async () => {
      const id = await publishedEvent(harness);
      await register(harness, id, registrant(1, { accessibilityNeeds: 'step-free access' }));
      const other = harness.http(tokens.otherCoordinator);
      await other.patch(`/community-events/${id}`).set('If-Match', '"2"').send({ title: 'Taken over' }).expect(404);
      await other.post(`/community-events/${id}/cancel`).send({ reason: 'x' }).expect(404);
      await other.get(`/community-events/${id}/exports/registrants.csv`).expect(404);
      await other.get(`/community-events/${id}/check-ins/lookup?name=Resident`).expect(404);
      const page = await harness.anonymous().get(`/community-events/${id}`).expect(200);
      expect(page.body).toMatchObject({ version: 2, status: 'published' });
      const csv = await harness.http(tokens.platformAdmin).get(`/community-events/${id}/exports/registrants.csv`).expect(200);
      expect(csv.text).toContain('step-free access');
    });

    it('lets a viewer read but never write', async () => {
      const id = await publishedEvent(harness);
      await harness.http(tokens.viewer).get(`/community-events/${id}/slots`).expect(200);
      const refused = await harness.http(tokens.viewer).post(`/community-events/${id}/slots`).send({ label: 'Chairs', quantity: 2 }).expect(403);
      expect(refused.body).toMatchObject({ code: 'forbidden', status: 403 });
      await harness.http(testToken({ roles: ['viewer', 'coordinator'] })).post(`/community-events/${id}/slots`).send({ label: 'Chairs', quantity: 2 }).expect(201);
    });
  });

  describe('hygiene', () => {
    it('sets the security headers and keeps authenticated answers and secret links out of caches', async () => {
      const id = await publishedEvent(harness);
      const organiser = await harness.http().get(`/community-events/${id}/slots`).expect(200);
      expect(organiser.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
      expect(organiser.headers['content-security-policy']).toContain("default-src 'none'");
      expect(organiser.headers['x-powered-by']).toBeUndefined();
      const { selfServiceToken } = await register(harness, id, registrant(1));
      const link = await harness.anonymous().get(`/registrations/self/${selfServiceToken}`).expect(200);
      expect(link.headers['cache-control']).toBe('no-store');
    });

    it('refuses bodies over 256kb', async () => {
      await harness.http().post('/community-events').send({ ...eventBody(), description: 'x'.repeat(300_000) }).expect(413);
    });
  });
});

describe('community-events rate limits and CORS (real Postgres, real Kafka)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness('community_events_limits_test', { RATE_LIMIT_BURST: '3', RATE_LIMIT_PER_MINUTE: '1', CORS_ORIGINS: 'https://app.example.org' });
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('limits public registration per client and route: 429 problem+json with Retry-After once the burst is spent', async () => {
    const id = await publishedEvent(harness);
    for (let i = 0; i < 3; i += 1) await harness.anonymous().post(`/community-events/${id}/registrations`).send(registrant(1)).expect(201);
    const limited = await harness.anonymous().post(`/community-events/${id}/registrations`).send(registrant(1)).expect(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.body).toMatchObject({ code: 'rate-limited' });
    // The bucket is per route pattern, not per event: another event does not reset it.
    const other = await publishedEvent(harness);
    await harness.anonymous().post(`/community-events/${other}/registrations`).send(registrant(1)).expect(429);
    // Organiser routes are not limited.
    for (let i = 0; i < 5; i += 1) await harness.http().get(`/community-events/${id}/slots`).expect(200);
  });

  it('limits guessing secret links like a login', async () => {
    const guess = () => harness.anonymous().get(`/registrations/self/${'x'.repeat(43)}`);
    for (let i = 0; i < 3; i += 1) await guess().expect(404);
    await guess().expect(429);
  });

  it('answers CORS preflights for the configured origin only', async () => {
    const preflight = (origin: string) =>
      request(harness.service.app.getHttpServer()).options('/community-events').set('Origin', origin).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization,content-type');
    const allowed = await preflight('https://app.example.org');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.org');
    expect(allowed.headers['access-control-allow-headers']).toMatch(/Authorization/i);
    const refused = await preflight('https://evil.example');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });
});
