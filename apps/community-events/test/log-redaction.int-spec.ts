import { Topics } from '@diplomacy/contracts';
import { LogCapture, eventually, testTokens as tokens } from '@diplomacy/testing';
import { publishedEvent, registrant, startHarness } from './community-events.harness';
import type { Harness } from './community-events.harness';

/**
 * Runs the service at info level, captures every line its logger writes to stdout, sends it tokens, secret links and private fields,
 * and proves none of them reaches the log, nor a secret the community-events topic.
 */
describe('log redaction (real service output, real Kafka)', () => {
  let harness: Harness;
  let logs: LogCapture;

  beforeAll(async () => {
    logs = LogCapture.start();
    harness = await startHarness('community_events_redaction_test', { LOG_LEVEL: 'info' });
  });

  afterAll(async () => {
    await harness?.stop();
    logs?.stop();
  });

  it('logs requests, but never a token, a secret link or a private field', async () => {
    const email = 'ana.redaction-test@example.org';
    const phone = '+1 816 555 0199';
    const accessibilityNeeds = 'wheelchair user, needs a ramp (redaction-test)';
    const id = await publishedEvent(harness);
    const registered = await harness.anonymous().post(`/community-events/${id}/registrations`).send(registrant(2, { email, phone, accessibilityNeeds })).expect(201);
    const secret = registered.body.selfServiceToken as string;

    await harness.anonymous().get(`/registrations/self/${secret}`).expect(200);
    await harness.anonymous().patch(`/registrations/self/${secret}`).send({ partySize: 40 }).expect(400);
    await harness.http().get(`/community-events/${id}/exports/registrants.csv`).expect(200);
    // A token in the query string (some clients do this) and a forged token that the guard refuses and logs.
    await harness.http().get(`/community-events/${id}/slots?access_token=${tokens.viewer}`).expect(200);
    const forged = `${tokens.coordinator.slice(0, -4)}AAAA`;
    await harness.http(forged).get(`/community-events/${id}/slots`).expect(401);
    // A body the parser refuses, carrying private data.
    await harness.anonymous().post(`/community-events/${id}/registrations`).set('content-type', 'application/json').send(`{"email":"${email}", broken`).expect(400);

    await eventually(() => {
      expect(logs.text()).toContain('request completed');
      expect(logs.text()).toContain('token refused');
    }, 5_000);

    expect(logs.text()).toContain('/registrations/self/[redacted]');
    for (const leaked of [secret, tokens.coordinator, tokens.viewer, forged, email, phone, accessibilityNeeds, 'ramp']) {
      expect({ leaked, found: logs.text().includes(leaked) }).toEqual({ leaked, found: false });
    }
    // Nothing that looks like a JWT at all.
    expect(logs.text()).not.toMatch(/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\./);

    // On the topic: the registration events, without the secret link or accessibility needs.
    const envelopes = await harness.waitForEnvelopes(id, (all) => all.some((e) => e.type === 'registration.confirmed'));
    const onTopic = harness.recorder.messages.filter((m) => m.topic === Topics.communityEvents && m.key === id).map((m) => `${m.value} ${JSON.stringify(m.headers)}`).join('\n');
    expect(envelopes.length).toBeGreaterThan(0);
    for (const leaked of [secret, accessibilityNeeds, tokens.coordinator]) {
      expect({ leaked, found: onTopic.includes(leaked) }).toEqual({ leaked, found: false });
    }
  });
});
