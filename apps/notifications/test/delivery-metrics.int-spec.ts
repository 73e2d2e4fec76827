import { randomUUID } from 'node:crypto';
import { eventually, freshDatabase, testToken } from '@diplomacy/testing';
import { EventProducer, agendaItem, freshConsumerGroup, participant, participantAddedIn, programCreated, rescheduled, startNotifications } from './notifications-harness';
import type { NotificationsUnderTest } from './notifications-harness';
import { RecordingHttpServer, SmtpSink } from './test-servers';

/** The value of one sample of the text exposition, 0 when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...match[2].matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return 0;
}

/**
 * notifications_sent_total and notifications_failed_total on /metrics, after real deliveries:
 * a webhook receiver that takes it, one that is down until the attempts run out, and one that
 * refuses for good. The events belong to an organisation of this test alone, so no other suite
 * publishing on the shared topics can reach its webhook subscribers: the webhook series move by
 * exactly what this test caused.
 */
describe('delivery metrics per channel (real Postgres, Kafka, SMTP server, HTTP receivers)', () => {
  const organisationId = `metrics-${randomUUID().slice(0, 8)}`;
  const coordinator = testToken({ roles: ['coordinator'], org: organisationId, sub: 'mia' });
  let smtp: SmtpSink;
  let ok: RecordingHttpServer;
  let down: RecordingHttpServer;
  let gone: RecordingHttpServer;
  let producer: EventProducer;
  let n: NotificationsUnderTest;

  const scrape = async () => (await n.api(null).get('/metrics').expect(200)).text;

  beforeAll(async () => {
    [smtp, ok, down, gone, producer] = await Promise.all([SmtpSink.start(), RecordingHttpServer.start(), RecordingHttpServer.start(), RecordingHttpServer.start(), EventProducer.start()]);
    down.status = 503;
    gone.status = 410;
    n = await startNotifications(await freshDatabase('notifications_metrics_test'), await freshConsumerGroup('metrics'), {
      SMTP_URL: smtp.url,
      DELIVERY_MAX_ATTEMPTS: '2',
      DELIVERY_RETRY_BASE_MS: '50',
      DELIVERY_RETRY_MAX_MS: '200',
    });
  });

  afterAll(async () => {
    await n?.service.shutdown('test end');
    await Promise.all([producer?.stop(), smtp?.stop(), ok?.stop(), down?.stop(), gone?.stop()]);
  });

  it('exposes every channel’s series from the start', async () => {
    const text = await scrape();
    for (const channel of ['email', 'sms', 'webhook', 'in-app']) {
      expect(text).toMatch(new RegExp(`^notifications_sent_total\\{[^}]*channel="${channel}"[^}]*\\} \\d+`, 'm'));
      for (const reason of ['transient', 'permanent', 'exhausted']) {
        expect(text).toMatch(new RegExp(`^notifications_failed_total\\{[^}]*channel="${channel}"[^}]*reason="${reason}"[^}]*\\} \\d+`, 'm'));
      }
    }
  });

  it('counts sends and failures per channel and reason once their outcome commits', async () => {
    for (const [name, receiver] of [['ok', ok], ['down', down], ['gone', gone]] as const) {
      await n.api(coordinator).post('/webhook-subscribers').send({ name, url: receiver.url(`/${name}`), eventTypes: ['agenda-item.rescheduled'] }).expect(201);
    }
    const programId = randomUUID();
    const visitor = participant(programId, { name: 'Mele' });
    await producer.send(programCreated(programId, 'Metrics delegation', organisationId), participantAddedIn(organisationId, visitor));
    await eventually(() => n.api(coordinator).get(`/recipients/${visitor.participantId}`).expect(200).then(() => undefined), 60_000, 250);

    const before = await scrape();
    const event = rescheduled(agendaItem(programId, [visitor.participantId], [], { resource: null }), { hours: 1 }, null, undefined, organisationId);
    await producer.send(event);
    await eventually(async () => {
      const rows: { channel: string; status: string }[] = await n.dataSource.query(`SELECT channel, status FROM notifications WHERE source_event_id = $1`, [event.id]);
      expect(rows.filter((r) => r.status === 'queued' || r.status === 'sending')).toEqual([]);
      expect(rows.filter((r) => r.channel === 'webhook')).toHaveLength(3);
    }, 30_000);

    const delta = (text: string, name: string, labels: Record<string, string>) => sample(text, name, labels) - sample(before, name, labels);
    await eventually(async () => {
      const after = await scrape();
      expect({
        sent: delta(after, 'notifications_sent_total', { channel: 'webhook' }),
        transient: delta(after, 'notifications_failed_total', { channel: 'webhook', reason: 'transient' }),
        exhausted: delta(after, 'notifications_failed_total', { channel: 'webhook', reason: 'exhausted' }),
        permanent: delta(after, 'notifications_failed_total', { channel: 'webhook', reason: 'permanent' }),
      }).toEqual({ sent: 1, transient: 1, exhausted: 1, permanent: 1 });
      // Email and in-app went to the visitor; other suites' events may add more of those meanwhile.
      expect(delta(after, 'notifications_sent_total', { channel: 'email' })).toBeGreaterThanOrEqual(1);
      expect(delta(after, 'notifications_sent_total', { channel: 'in-app' })).toBeGreaterThanOrEqual(1);
    }, 10_000);
    expect(down.requests).toHaveLength(2);
    expect(gone.requests).toHaveLength(1);
  });
});
