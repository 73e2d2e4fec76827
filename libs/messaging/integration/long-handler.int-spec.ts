import { randomUUID } from 'node:crypto';
import type { Admin, Producer } from 'kafkajs';
import { createTestTopic, eventually, freshDatabase, testKafka } from '@diplomacy/testing';
import { startTestService } from './harness';
import type { TestService } from './harness';

jest.setTimeout(120_000);

const SESSION_TIMEOUT_MS = 6_000;
const HANDLER_MS = 15_000;

/**
 * A handler may work longer than the session timeout (notifications plans a 10,000-registrant
 * fan-out in one inbox transaction, ≈ 14 s in the bench). kafkajs only heartbeats between
 * messages, so without keep-alive heartbeats the broker would evict the member mid-handler, its
 * offset commit would fail, and the message would be handled again after the rejoin.
 */
describe('a handler that runs longer than the session timeout (real Kafka)', () => {
  let service: TestService;
  let producer: Producer;
  let admin: Admin;
  const groupId = `long-handler-${randomUUID()}`;

  beforeAll(async () => {
    const topic = await createTestTopic('long-handler', 1);
    const deadLetterTopic = await createTestTopic('long-handler-dlt', 1);
    service = await startTestService({
      databaseUrl: await freshDatabase('messaging_long_handler_test'),
      topic,
      deadLetterTopic,
      groupId,
      sessionTimeoutMs: SESSION_TIMEOUT_MS,
      handlerDelayMs: HANDLER_MS,
    });
    admin = testKafka('long-handler-admin').admin();
    await admin.connect();
    producer = testKafka('long-handler-producer').producer();
    await producer.connect();
    const event = (seq: number) => ({
      id: randomUUID(),
      type: 'test.recorded',
      version: 1,
      occurredAt: new Date().toISOString(),
      producer: 'messaging-test',
      key: 'program-1',
      organisationId: null,
      correlationId: `long-${seq}`,
      causationId: null,
      payload: { seq, fail: false },
    });
    await producer.send({ topic, messages: [1, 2].map((seq) => ({ key: 'program-1', value: JSON.stringify(event(seq)) })) });
  });

  afterAll(async () => {
    await producer?.disconnect();
    await admin?.disconnect();
    await service?.shutdown('test end');
  });

  it('keeps its group membership and handles each message once', async () => {
    const members = async () => (await admin.describeGroups([groupId])).groups[0].members.map((m) => m.memberId);
    let before: string[] = [];
    await eventually(async () => {
      before = await members();
      expect(before).toHaveLength(1);
    });
    // Two slow messages in a row: 30 s of handling, five session timeouts.
    await eventually(() => expect(service.handled.map((h) => h.envelope.payload.seq)).toEqual([1, 2]), 2 * HANDLER_MS + 30_000, 250);
    expect(service.handled.map((h) => h.outcome)).toEqual(['processed', 'processed']);
    expect(await members()).toEqual(before);
    // Nothing comes back after the handling: the offsets were committed by the member that held them.
    await new Promise((resolve) => setTimeout(resolve, SESSION_TIMEOUT_MS));
    expect(service.handled).toHaveLength(2);
  });
});
