import { randomUUID } from 'node:crypto';
import { HOME_ORG, LogCapture, eventually, freshDatabase, testTokens as tokens } from '@diplomacy/testing';
import { EventProducer, agendaItem, freshConsumerGroup, participant, participantAdded, programCreated, rescheduled, startNotifications } from './notifications-harness';
import type { NotificationsUnderTest } from './notifications-harness';
import { RecordingHttpServer, SmtpSink } from './test-servers';

/**
 * Runs the service at info level, captures what its logger writes, registers webhook
 * subscribers with their secrets, has one delivery fail and one succeed, and proves that
 * neither a webhook secret nor a bearer token reaches the log.
 */
describe('webhook secrets and tokens stay out of the log (real service output, Postgres, Kafka)', () => {
  let n: NotificationsUnderTest;
  let smtp: SmtpSink;
  let up: RecordingHttpServer;
  let down: RecordingHttpServer;
  let producer: EventProducer;
  let logs: LogCapture;

  beforeAll(async () => {
    logs = LogCapture.start();
    [smtp, up, down, producer] = await Promise.all([SmtpSink.start(), RecordingHttpServer.start(), RecordingHttpServer.start(), EventProducer.start()]);
    down.status = 500;
    n = await startNotifications(await freshDatabase('notifications_redaction_test'), await freshConsumerGroup('redaction'), {
      LOG_LEVEL: 'info',
      SMTP_URL: smtp.url,
      DELIVERY_MAX_ATTEMPTS: '2',
      DELIVERY_RETRY_BASE_MS: '50',
    });
  });

  afterAll(async () => {
    await n?.service.shutdown('test end');
    await Promise.all([producer?.stop(), smtp?.stop(), up?.stop(), down?.stop()]);
    logs?.stop();
  });

  it('logs the requests and the failed delivery, but no secret and no token', async () => {
    const ownSecret = `own-secret-${randomUUID()}`;
    const mine = await n.api().post('/webhook-subscribers').send({ name: 'Up', url: up.url('/up'), eventTypes: ['agenda-item.rescheduled'], secret: ownSecret }).expect(201);
    const generated = await n.api().post('/webhook-subscribers').send({ name: 'Down', url: down.url('/down'), eventTypes: ['agenda-item.rescheduled'] }).expect(201);
    expect(mine.body.organisationId).toBe(HOME_ORG);
    await n.api().get(`/webhook-subscribers/${generated.body.subscriberId}`).expect(200);
    const forged = `${tokens.coordinator.slice(0, -4)}AAAA`;
    await n.api(forged).get(`/webhook-subscribers/${generated.body.subscriberId}`).expect(401);

    const programId = randomUUID();
    const visitor = participant(programId);
    await producer.send(programCreated(programId), participantAdded(visitor));
    await eventually(() => n.api().get(`/recipients/${visitor.participantId}`).expect(200).then(() => undefined), 60_000, 250);
    const event = rescheduled(agendaItem(programId, [visitor.participantId], [], { resource: null }), { hours: 1 });
    await producer.send(event);
    await eventually(async () => {
      const rows: { status: string }[] = await n.dataSource.query(`SELECT status FROM notifications WHERE source_event_id = $1 AND channel = 'webhook' ORDER BY status`, [event.id]);
      expect(rows.map((r) => r.status)).toEqual(['failed', 'sent']);
    }, 30_000);

    await eventually(() => {
      expect(logs.text()).toContain('request completed');
      expect(logs.text()).toContain('failed for good');
      expect(logs.text()).toContain('token refused');
    }, 5_000);
    for (const leaked of [ownSecret, generated.body.secret as string, tokens.coordinator, forged]) {
      expect({ found: logs.text().includes(leaked) }).toEqual({ found: false });
    }
    expect(logs.text()).not.toMatch(/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\./);
    // The receivers did get signed deliveries, so the secrets were in use while the log was watched.
    const ours = (receiver: RecordingHttpServer) => receiver.requests.filter((r) => JSON.parse(r.body).event.id === event.id);
    expect(ours(up)).toHaveLength(1);
    expect(ours(up)[0].headers['x-webhook-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(ours(down)).toHaveLength(2);
  });
});
