import { randomUUID } from 'node:crypto';
import { RegistrationConfirmed } from '@diplomacy/contracts';
import type { EventEnvelope } from '@diplomacy/contracts';
import { eventually, freshDatabase } from '@diplomacy/testing';
import { EventProducer, envelope, freshConsumerGroup, startNotifications } from './notifications-harness';
import type { NotificationsUnderTest } from './notifications-harness';
import { SmtpSink } from './test-servers';

/**
 * A consumer stopped in the middle of a batch, then restarted, with the events
 * delivered again (as after a crash before the offsets were committed), and two
 * instances side by side (a rebalance, two dispatchers on one table): every
 * notification still goes out exactly once.
 */
describe('restart and rebalance mid-batch (real Postgres, Kafka, SMTP server)', () => {
  let smtp: SmtpSink;
  let producer: EventProducer;
  let databaseUrl: string;
  let groupId: string;
  const running: NotificationsUnderTest[] = [];
  const env = () => ({ SMTP_URL: smtp.url, DISPATCH_BATCH_SIZE: '5' });

  beforeAll(async () => {
    [smtp, producer] = await Promise.all([SmtpSink.start(), EventProducer.start()]);
    databaseUrl = await freshDatabase('notifications_restart_test');
    groupId = await freshConsumerGroup('restart');
  });

  afterAll(async () => {
    for (const instance of running) await instance.service.shutdown('test end');
    await Promise.all([producer?.stop(), smtp?.stop()]);
  });

  it('sends each notification once although the consumer stopped mid-batch, restarted, got the batch again and shared it with a second instance', async () => {
    const communityEventId = randomUUID();
    const registrations: EventEnvelope[] = Array.from({ length: 40 }, (_, i) =>
      envelope(RegistrationConfirmed, communityEventId, {
        eventId: communityEventId,
        registrationId: randomUUID(),
        partySize: 1,
        confirmedBy: 'registered',
        registrant: { name: `Resident ${i}`, email: `resident-${i}-${communityEventId.slice(0, 6)}@residents.example`, phone: null, preferredLanguage: 'en' },
      }),
    );

    // Only this test's events count: other suites may publish on the shared topics meanwhile.
    const ids = registrations.map((r) => r.id);
    const ours = () => smtp.emails.filter((email) => email.to[0].endsWith(`-${communityEventId.slice(0, 6)}@residents.example`));

    const first = await startNotifications(databaseUrl, groupId, env());
    running.push(first);
    await producer.send(...registrations);
    // Stop the first instance as soon as part of the batch went out.
    await eventually(() => expect(ours().length).toBeGreaterThanOrEqual(3), 30_000, 20);
    await first.service.shutdown('stopped mid-batch');
    running.splice(running.indexOf(first), 1);
    const sentBeforeRestart = ours().length;
    expect(sentBeforeRestart).toBeLessThan(registrations.length);

    // Two instances on the same database and group: a rebalance, and two dispatchers competing for rows.
    const [second, third] = await Promise.all([startNotifications(databaseUrl, groupId, env()), startNotifications(databaseUrl, groupId, env())]);
    running.push(second, third);
    // Everything again, as a crash before the offset commit would deliver it.
    await producer.send(...registrations);

    await eventually(async () => {
      const [row] = await second.dataSource.query(
        `SELECT count(*)::int AS c FROM notifications WHERE status = 'sent' AND channel = 'email' AND source_event_id = ANY($1::uuid[])`,
        [ids],
      );
      expect(row.c).toBe(registrations.length);
    }, 60_000, 200);
    // Give a late duplicate every chance to show up before counting.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const perAddress = new Map<string, number>();
    for (const email of ours()) perAddress.set(email.to[0], (perAddress.get(email.to[0]) ?? 0) + 1);
    expect(perAddress.size).toBe(registrations.length);
    expect([...perAddress.values()].every((count) => count === 1)).toBe(true);
    expect(ours()).toHaveLength(registrations.length);
    const [inbox] = await second.dataSource.query(
      `SELECT count(*)::int AS c FROM inbox WHERE consumer = 'notifications.delivery' AND event_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(inbox.c).toBe(registrations.length);
  });
});
