import { randomUUID } from 'node:crypto';
import type { EventEnvelope, ParticipantSnapshotV1 } from '@diplomacy/contracts';
import { HOME_ORG, OTHER_ORG, eventually, freshDatabase, testToken, testTokens } from '@diplomacy/testing';
import {
  EventProducer,
  agendaItem,
  freshConsumerGroup,
  participant,
  participantAdded,
  participantAddedIn,
  programCreated,
  rescheduled,
  startNotifications,
} from './notifications-harness';
import type { NotificationsUnderTest } from './notifications-harness';
import { RecordingHttpServer, SmtpSink } from './test-servers';

/** One organisation's side of the fixture: a program, its people, a reschedule they were told about. */
export interface TenantSide {
  organisationId: string;
  programId: string;
  people: ParticipantSnapshotV1[];
  reschedule: EventEnvelope;
  subscriberId: string;
}

/**
 * The notifications service with two organisations' data, all arrived through Kafka: the home
 * organisation (the test tokens' `org`) with two participants, Amina and Pedro, and another
 * organisation with one, Olga; a reschedule in each, and a webhook subscriber in each.
 */
export interface TwoTenants {
  n: NotificationsUnderTest;
  smtp: SmtpSink;
  receiver: RecordingHttpServer;
  home: TenantSide;
  other: TenantSide;
  /** Amina's token: a participant whose participant_id is her recipient id. */
  aminaToken: string;
  /** Amina's in-app notification of the home reschedule. */
  aminaInApp: string;
  /** Pedro's, in the same inbox set. */
  pedroInApp: string;
  stop(): Promise<void>;
}

export async function startTwoTenants(database: string): Promise<TwoTenants> {
  const [smtp, receiver, producer] = await Promise.all([SmtpSink.start(), RecordingHttpServer.start(), EventProducer.start()]);
  const n = await startNotifications(await freshDatabase(database), await freshConsumerGroup(database.replace(/_/g, '-')), { SMTP_URL: smtp.url });

  const subscriber = async (token: string, path: string) =>
    (await n.api(token).post('/webhook-subscribers').send({ name: `Receiver ${path}`, url: receiver.url(path), eventTypes: ['agenda-item.rescheduled'] }).expect(201)).body.subscriberId as string;
  const homeProgram = randomUUID();
  const otherProgram = randomUUID();
  const amina = participant(homeProgram, { name: 'Amina' });
  const pedro = participant(homeProgram, { name: 'Pedro' });
  const olga = participant(otherProgram, { name: 'Olga' });
  const home = { organisationId: HOME_ORG, programId: homeProgram, people: [amina, pedro], subscriberId: await subscriber(testTokens.coordinator, '/home') };
  const other = { organisationId: OTHER_ORG, programId: otherProgram, people: [olga], subscriberId: await subscriber(testTokens.otherCoordinator, '/other') };

  await producer.send(programCreated(homeProgram), participantAdded(amina), participantAdded(pedro));
  await producer.send(programCreated(otherProgram, 'Sister cities: Lichtenberg', OTHER_ORG), participantAddedIn(OTHER_ORG, olga));
  await eventually(async () => {
    for (const p of [amina, pedro, olga]) await n.api(testTokens.platformAdmin).get(`/recipients/${p.participantId}`).expect(200);
  }, 60_000, 250);

  const homeReschedule = rescheduled(agendaItem(homeProgram, [amina.participantId, pedro.participantId], [], { resource: null }), { hours: 1 });
  const otherReschedule = rescheduled(agendaItem(otherProgram, [olga.participantId], [], { resource: null }), { hours: 1 }, null, undefined, OTHER_ORG);
  await producer.send(homeReschedule, otherReschedule);
  const inApp = async (eventId: string, recipientId: string): Promise<string> => {
    const rows: { notification_id: string }[] = await n.dataSource.query(
      `SELECT notification_id FROM notifications WHERE source_event_id = $1 AND recipient_id = $2 AND channel = 'in-app' AND status = 'sent'`,
      [eventId, recipientId],
    );
    expect(rows).toHaveLength(1);
    return rows[0].notification_id;
  };
  let aminaInApp = '';
  let pedroInApp = '';
  await eventually(async () => {
    aminaInApp = await inApp(homeReschedule.id, amina.participantId);
    pedroInApp = await inApp(homeReschedule.id, pedro.participantId);
    await inApp(otherReschedule.id, olga.participantId);
  }, 60_000, 250);

  return {
    n,
    smtp,
    receiver,
    home: { ...home, reschedule: homeReschedule },
    other: { ...other, reschedule: otherReschedule },
    aminaToken: testToken({ roles: ['participant'], sub: 'amina', participantId: amina.participantId }),
    aminaInApp,
    pedroInApp,
    async stop() {
      await n.service.shutdown('test end');
      await Promise.all([producer.stop(), smtp.stop(), receiver.stop()]);
    },
  };
}
