import { randomUUID } from 'node:crypto';
import { eventually, testTokens } from '@diplomacy/testing';
import type { BuiltService } from '@diplomacy/testing';
import { startService } from './service-process';

/**
 * The spine end to end, with nothing faked: HTTP into the programs service,
 * its outbox, the real broker, the notifications service's reliable consumer
 * and inbox, and its projection, read back over its own HTTP API.
 */
/** Every service enforces tokens (docs/security.md): the home organisation's coordinator. */
const staff = { authorization: `Bearer ${testTokens.coordinator}` };

describe('a program created in programs reaches notifications through Kafka', () => {
  let programs: BuiltService;
  let notifications: BuiltService;

  beforeAll(async () => {
    [programs, notifications] = await Promise.all([
      startService('programs'),
      // Its own consumer group, so a developer's running notifications service is not disturbed,
      // starting at the end of the shared topic: readiness waits for the group to be joined.
      startService('notifications', {
        KAFKA_CONSUMER_GROUP: `system-test-${randomUUID()}`,
        KAFKA_CONSUMER_FROM_BEGINNING: 'false',
        LOG_LEVEL: 'debug',
      }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([programs?.stop(), notifications?.stop()]);
  });

  it('records the program in the notifications projection with the request correlation id', async () => {
    const correlationId = `system-${randomUUID()}`;
    const response = await fetch(`${programs.baseUrl}/programs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId, authorization: `Bearer ${testTokens.coordinator}` },
      body: JSON.stringify({
        organisationId: 'kansas-city-council',
        title: 'Policing and community trust',
        kind: 'international-visitor',
        theme: 'Community policing',
        startDate: '2027-04-12',
        endDate: '2027-04-16',
      }),
    });
    expect(response.status).toBe(201);
    const program = (await response.json()) as { id: string };

    let projected: Record<string, unknown> = {};
    await eventually(async () => {
      const read = await fetch(`${notifications.baseUrl}/program-directory/${program.id}`, { headers: staff });
      expect(read.status).toBe(200);
      projected = (await read.json()) as Record<string, unknown>;
    }, 30_000, 200);
    expect(projected).toMatchObject({
      programId: program.id,
      title: 'Policing and community trust',
      status: 'draft',
      startDate: '2027-04-12',
      correlationId,
    });

    // The same correlation id is on the producer's request log and on the consumer's log of the event.
    await eventually(() => {
      const producerLines = programs.logLines().filter((line) => line['correlationId'] === correlationId);
      const consumerLines = notifications.logLines().filter((line) => line['correlationId'] === correlationId);
      expect(producerLines.map((line) => line['msg'])).toContain('request completed');
      expect(consumerLines.map((line) => String(line['msg']))).toContainEqual(expect.stringContaining('handled program.created'));
    });
  });

  it('answers an unknown program with problem+json 404', async () => {
    const read = await fetch(`${notifications.baseUrl}/program-directory/${randomUUID()}`, { headers: staff });
    expect(read.status).toBe(404);
    expect(read.headers.get('content-type')).toContain('application/problem+json');
  });

  it('shuts down gracefully on SIGTERM', async () => {
    expect(await programs.stop()).toBe(0);
    expect(await notifications.stop()).toBe(0);
    expect(programs.logLines().some((line) => String(line['msg']).startsWith('outbox drained'))).toBe(true);
  });
});
