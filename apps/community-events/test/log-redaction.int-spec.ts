import { Topics } from '@diplomacy/contracts';
import { eventually, testTokens as tokens } from '@diplomacy/testing';
import { publishedEvent, registrant, startHarness } from './community-events.harness';
import type { Harness } from './community-events.harness';

/**
 * Runs the service at info level, captures every line its logger writes to stdout, sends it tokens, secret links and private fields,
 * and proves none of them reaches the log, nor a secret the community-events topic.
 */
describe('log redaction (real service output, real Kafka)', () => {
  let harness: Harness;
  let captured = '';
  const streams = [process.stdout, process.stderr];
  const realWrites = streams.map((stream) => stream.write);

  beforeAll(async () => {
    // Under jest, pino's destination is process.stdout itself (in production a sonic-boom on fd 1, with the same bytes).
    streams.forEach((stream, index) => {
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        captured += typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString() : '';
        return (realWrites[index] as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
      }) as typeof stream.write;
    });
    harness = await startHarness('community_events_redaction_test', { LOG_LEVEL: 'info' });
  });

  afterAll(async () => {
    await harness?.stop();
    streams.forEach((stream, index) => (stream.write = realWrites[index]));
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
      expect(captured).toContain('request completed');
      expect(captured).toContain('token refused');
    }, 5_000);

    expect(captured).toContain('/registrations/self/[redacted]');
    for (const leaked of [secret, tokens.coordinator, tokens.viewer, forged, email, phone, accessibilityNeeds, 'ramp']) {
      expect({ leaked, found: captured.includes(leaked) }).toEqual({ leaked, found: false });
    }
    // Nothing that looks like a JWT at all.
    expect(captured).not.toMatch(/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\./);

    // On the topic: the registration events, without the secret link or accessibility needs.
    const envelopes = await harness.waitForEnvelopes(id, (all) => all.some((e) => e.type === 'registration.confirmed'));
    const onTopic = harness.recorder.messages.filter((m) => m.topic === Topics.communityEvents && m.key === id).map((m) => `${m.value} ${JSON.stringify(m.headers)}`).join('\n');
    expect(envelopes.length).toBeGreaterThan(0);
    for (const leaked of [secret, accessibilityNeeds, tokens.coordinator]) {
      expect({ leaked, found: onTopic.includes(leaked) }).toEqual({ leaked, found: false });
    }
  });
});
