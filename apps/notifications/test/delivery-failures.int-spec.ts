import { randomUUID } from 'node:crypto';
import { DeadLetterTopics, EventCatalog, Topics } from '@diplomacy/contracts';
import { TopicRecorder, eventually, freshDatabase } from '@diplomacy/testing';
import { EventProducer, agendaItem, freshConsumerGroup, participant, participantAdded, programCreated, rescheduled, startNotifications } from './notifications-harness';
import type { NotificationsUnderTest } from './notifications-harness';
import { RecordingHttpServer, SmtpSink } from './test-servers';

describe('failed sends: retry with backoff, then dead letter (real Postgres, Kafka, SMTP server)', () => {
  let smtp: SmtpSink;
  let webhookReceiver: RecordingHttpServer;
  let producer: EventProducer;
  let recorder: TopicRecorder;
  let n: NotificationsUnderTest;
  const programId = randomUUID();
  const visitor = participant(programId, { name: 'Lena' });

  beforeAll(async () => {
    [smtp, webhookReceiver, producer] = await Promise.all([SmtpSink.start(), RecordingHttpServer.start(), EventProducer.start()]);
    recorder = await TopicRecorder.start([Topics.notifications, DeadLetterTopics.notifications]);
    n = await startNotifications(await freshDatabase('notifications_failures_test'), await freshConsumerGroup('failures'), {
      SMTP_URL: smtp.url,
      DELIVERY_MAX_ATTEMPTS: '3',
      DELIVERY_RETRY_BASE_MS: '200',
      DELIVERY_RETRY_MAX_MS: '1000',
    });
    await producer.send(programCreated(programId), participantAdded(visitor));
    await eventually(() => n.api().get(`/recipients/${visitor.participantId}`).expect(200).then(() => undefined), 60_000, 250);
  });

  afterAll(async () => {
    await n?.service.shutdown('test end');
    await Promise.all([producer?.stop(), recorder?.stop(), smtp?.stop(), webhookReceiver?.stop()]);
  });

  it('retries a refused email with backoff and sends it once the server takes it, publishing notification.sent', async () => {
    smtp.refuseNext(2, visitor.email);
    const event = rescheduled(agendaItem(programId, [visitor.participantId], [], { title: 'Retry me', resource: null }), { hours: 1 });
    await producer.send(event);
    const email = async () => (await n.api().get(`/source-events/${event.id}/deliveries`).expect(200)).body.find((d: { channel: string }) => d.channel === 'email');
    await eventually(async () => expect((await email())?.status).toBe('sent'), 30_000);
    const delivered = await email();
    expect(delivered.attempts).toBe(3);
    expect(delivered.timeline.map((t: { status: string }) => t.status)).toEqual(['queued', 'retry-scheduled', 'retry-scheduled', 'sent']);
    expect(delivered.timeline[1].detail).toMatch(/attempt 1 failed: SMTP: .*451.*next attempt in/);
    // Backoff: the second wait is not shorter than half the first ceiling, and the retries took real time.
    const at = delivered.timeline.map((t: { at: string }) => Date.parse(t.at));
    expect(at[3] - at[1]).toBeGreaterThanOrEqual(100 + 200);
    expect(smtp.refused).toBe(2);
    expect(smtp.emails.filter((e) => e.subject === 'Changed: Retry me')).toHaveLength(1);

    const messages = await recorder.waitFor((all) => all.some((m) => m.value?.includes(delivered.notificationId) && m.headers['event-type'] === 'notification.sent'));
    const sent = messages.find((m) => m.value?.includes(delivered.notificationId) && m.headers['event-type'] === 'notification.sent')!;
    const parsed = new EventCatalog().parse(sent.value);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.envelope).toMatchObject({ type: 'notification.sent', producer: 'notifications', key: programId, causationId: event.id, correlationId: event.correlationId });
      expect(parsed.envelope.payload).toMatchObject({ notificationId: delivered.notificationId, sourceEventId: event.id, channel: 'email', attempts: 3, recipientId: visitor.participantId });
    }
  });

  it('gives up after the attempt limit: marks the notification failed, dead-letters a copy and publishes notification.failed', async () => {
    webhookReceiver.status = 503;
    const subscriber = await n.api().post('/webhook-subscribers').send({ name: 'Flaky receiver', url: webhookReceiver.url('/down'), eventTypes: ['*'] }).expect(201);
    const event = rescheduled(agendaItem(programId, [], [], { title: 'Nobody listens', resource: null }), { hours: 1 });
    // The subscriber takes every event of the organisation, other suites' too: count this event's deliveries.
    const toDown = () => webhookReceiver.requests.filter((r) => r.path === '/down' && JSON.parse(r.body).event.id === event.id);
    await producer.send(event);
    const webhook = async () => (await n.api().get(`/source-events/${event.id}/deliveries`).expect(200)).body.find((d: { channel: string }) => d.channel === 'webhook');
    await eventually(async () => expect((await webhook())?.status).toBe('failed'), 30_000);
    const failed = await webhook();
    expect(failed).toMatchObject({ recipientId: subscriber.body.subscriberId, attempts: 3, lastError: 'webhook answered HTTP 503' });
    expect(toDown()).toHaveLength(3);

    const messages = await recorder.waitFor(
      (all) =>
        all.some((m) => m.topic === DeadLetterTopics.notifications && m.headers['notification-id'] === failed.notificationId) &&
        all.some((m) => m.headers['event-type'] === 'notification.failed' && m.value?.includes(failed.notificationId)),
    );
    const deadLetter = messages.find((m) => m.topic === DeadLetterTopics.notifications && m.headers['notification-id'] === failed.notificationId)!;
    expect(deadLetter.headers).toMatchObject({ 'dlt-reason': 'handler-failed', 'dlt-attempts': '3', 'dlt-original-topic': Topics.scheduleChanges, 'event-id': event.id });
    expect(JSON.parse(deadLetter.value!)).toMatchObject({ notificationId: failed.notificationId, channel: 'webhook', reason: 'webhook answered HTTP 503' });
    const failedEvent = new EventCatalog().parse(messages.find((m) => m.headers['event-type'] === 'notification.failed' && m.value?.includes(failed.notificationId))!.value);
    expect(failedEvent.ok && failedEvent.envelope.payload).toMatchObject({ notificationId: failed.notificationId, channel: 'webhook', attempts: 3, reason: 'webhook answered HTTP 503' });

    // The dead-letter copy reaches the topic just before its timeline entry is recorded.
    await eventually(async () => {
      const refreshed = await webhook();
      expect(refreshed.timeline.map((t: { status: string }) => t.status)).toEqual(['queued', 'retry-scheduled', 'retry-scheduled', 'failed', 'dead-lettered']);
    }, 10_000);
    // Nothing is retried after that.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(toDown()).toHaveLength(3);
  });

  it('does not retry what the receiver refuses for good (4xx)', async () => {
    webhookReceiver.status = 410;
    await n.api().post('/webhook-subscribers').send({ name: 'Gone receiver', url: webhookReceiver.url('/gone'), eventTypes: ['agenda-item.rescheduled'] }).expect(201);
    const event = rescheduled(agendaItem(programId, [], [], { title: 'Gone', resource: null }), { hours: 1 });
    await producer.send(event);
    await eventually(async () => {
      const rows: { status: string; attempts: number; last_error: string }[] = await n.dataSource.query(
        `SELECT status, attempts, last_error FROM notifications WHERE source_event_id = $1 AND address LIKE '%/gone'`,
        [event.id],
      );
      expect(rows).toEqual([{ status: 'failed', attempts: 1, last_error: 'permanent: webhook answered HTTP 410' }]);
    }, 30_000);
  });
});
