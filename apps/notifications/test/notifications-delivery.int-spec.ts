import { randomUUID } from 'node:crypto';
import { AgendaItemCancelled, CommunityEventCancelled, CommunityEventPublished, RegistrationConfirmed, RegistrationWaitlisted } from '@diplomacy/contracts';
import type { AgendaItemStateV1, EventEnvelope } from '@diplomacy/contracts';
import { eventually, freshDatabase } from '@diplomacy/testing';
import { verifyWebhook } from '../src/webhooks/webhook-signature';
import {
  EventProducer,
  agendaItem,
  envelope,
  freshConsumerGroup,
  hostCouncil,
  notificationsOf,
  participant,
  participantAdded,
  programCreated,
  rescheduled,
  startNotifications,
} from './notifications-harness';
import type { NotificationsUnderTest } from './notifications-harness';
import { RecordingHttpServer, SmtpSink } from './test-servers';

describe('notifications delivery (real Postgres, Kafka, SMTP server, HTTP receivers)', () => {
  let smtp: SmtpSink;
  let webhookReceiver: RecordingHttpServer;
  let smsGateway: RecordingHttpServer;
  let producer: EventProducer;
  let n: NotificationsUnderTest;
  let webhookSecret: string;
  let subscriberId: string;

  const programId = randomUUID();
  const amina = participant(programId, { name: 'Amina', preferredLanguage: 'ar', languages: ['ar', 'en'] });
  const jorge = participant(programId, { name: 'Jorge', preferredLanguage: 'es-MX', notificationChannels: ['email', 'sms'], phone: '+15550101' });
  const interpreter = participant(programId, { name: 'Wanjiru', role: 'interpreter', preferredLanguage: 'sw', languages: ['sw', 'en'] });
  const bystander = participant(programId, { name: 'Bystander' });
  const council = hostCouncil({ name: 'Chloé', email: 'chloe@kcivc.example', preferredLanguage: 'fr' });
  const coordinatorEmail = 'chloe@kcivc.example';
  const resourceEmail = 'pat@election.example';

  const allSent = async (eventId: string, expected: number) =>
    eventually(async () => {
      const rows = await notificationsOf(n.dataSource, eventId);
      // The rows of one event commit together, so once they exist their number is final.
      expect(rows).toHaveLength(expected);
      expect(rows.filter((r) => r.status === 'queued' || r.status === 'sending')).toEqual([]);
    }, 30_000);

  const emailsFor = async (eventId: string) => {
    const ids: { notification_id: string }[] = await n.dataSource.query(`SELECT notification_id FROM notifications WHERE source_event_id = $1 AND channel = 'email'`, [eventId]);
    const messageIds = new Set(ids.map((r) => `<${r.notification_id}@notifications.citizen-diplomacy.example>`));
    return smtp.emails.filter((e) => messageIds.has(e.messageId));
  };

  beforeAll(async () => {
    [smtp, webhookReceiver, smsGateway, producer] = await Promise.all([SmtpSink.start(), RecordingHttpServer.start(), RecordingHttpServer.start(), EventProducer.start()]);
    const databaseUrl = await freshDatabase('notifications_delivery_test');
    n = await startNotifications(databaseUrl, await freshConsumerGroup('delivery'), {
      SMTP_URL: smtp.url,
      SMS_GATEWAY_URL: smsGateway.url('/messages'),
      SMS_GATEWAY_TOKEN: 'sms-token',
      DELIVERY_MAX_ATTEMPTS: '3',
      DELIVERY_RETRY_BASE_MS: '50',
    });
    const created = await n.api()
      .post('/webhook-subscribers')
      .send({ name: 'Transport booking', url: webhookReceiver.url('/hooks'), eventTypes: ['agenda-item.rescheduled'], organisationId: 'kansas-city-council' })
      .expect(201);
    webhookSecret = created.body.secret;
    subscriberId = created.body.subscriberId;
    expect(webhookSecret.length).toBeGreaterThanOrEqual(32);

    await producer.send(programCreated(programId), council, ...[amina, jorge, interpreter, bystander].map(participantAdded));
    await eventually(async () => {
      for (const p of [amina, jorge, interpreter, bystander]) await n.api().get(`/recipients/${p.participantId}`).expect(200);
      await n.api().get(`/program-directory/${programId}`).expect(200);
      const [row] = await n.dataSource.query(`SELECT count(*)::int AS c FROM organisation_contacts`);
      expect(row.c).toBe(1);
    }, 60_000, 250);
  });

  afterAll(async () => {
    await n?.service.shutdown('test end');
    await Promise.all([producer?.stop(), smtp?.stop(), webhookReceiver?.stop(), smsGateway?.stop()]);
  });

  let firstReschedule: EventEnvelope;
  let briefing: AgendaItemStateV1;

  it('tells exactly the attendees, the interpreter, the resource contact and the coordinators of a reschedule, each on their channels', async () => {
    briefing = agendaItem(programId, [amina.participantId, jorge.participantId], [interpreter.participantId], { title: 'Election security briefing' });
    firstReschedule = rescheduled(briefing, { hours: 1 }, resourceEmail);
    await producer.send(firstReschedule);
    // 5 emails + 1 SMS + 5 inbox entries + 1 webhook.
    await allSent(firstReschedule.id, 12);

    const rows = await notificationsOf(n.dataSource, firstReschedule.id);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    const byChannel = (channel: string) => rows.filter((r) => r.channel === channel).map((r) => r.address).sort();
    expect(byChannel('email')).toEqual([amina.email, jorge.email, interpreter.email, coordinatorEmail, resourceEmail].sort());
    expect(byChannel('sms')).toEqual(['+15550101']);
    expect(byChannel('webhook')).toEqual([webhookReceiver.url('/hooks')]);
    expect(rows.filter((r) => r.channel === 'in-app')).toHaveLength(5);
    expect(rows.map((r) => r.recipient_id)).not.toContain(bystander.participantId);

    const emails = await emailsFor(firstReschedule.id);
    expect(emails.map((e) => e.to[0]).sort()).toEqual(byChannel('email'));
    expect(smtp.to(bystander.email!)).toHaveLength(0);

    expect(smsGateway.requests).toHaveLength(1);
    expect(smsGateway.requests[0].headers['authorization']).toBe('Bearer sms-token');
    expect(JSON.parse(smsGateway.requests[0].body)).toMatchObject({ to: '+15550101', text: expect.stringContaining('Su reunión con Election Board pasó de mar 14:00 a mar 15:00') });
  });

  it('writes each person in their language, falls back to English, and lays Arabic out right to left', async () => {
    const emails = await emailsFor(firstReschedule.id);
    const to = (address: string | null) => emails.find((e) => e.to.includes(address!))!;
    expect(to(amina.email).subject).toBe('تغيير: Election security briefing');
    expect(to(amina.email).html).toContain('<html lang="ar" dir="rtl">');
    expect(to(amina.email).text).toContain('اجتماعك مع Election Board انتقل من الثلاثاء 14:00 إلى الثلاثاء 15:00');
    expect(to(jorge.email).text).toContain('Su reunión con Election Board pasó de mar 14:00 a mar 15:00 en City Hall, 414 E 12th St, Kansas City');
    expect(to(coordinatorEmail).text).toContain('Votre rendez-vous avec Election Board est déplacé de mar. 14:00 à mar. 15:00');
    // Swahili has no templates: English, left to right.
    expect(to(interpreter.email).text).toContain('Your meeting with Election Board moved from Tue 14:00 to Tue 15:00 at City Hall, 414 E 12th St, Kansas City.');
    expect(to(interpreter.email).html).toContain('<html lang="en" dir="ltr">');
    expect(to(resourceEmail).text).toContain('Times are local to America/Chicago (CST).');
  });

  it('renders times in the venue’s zone, naming it, wherever the item is', async () => {
    const paris = agendaItem(programId, [], [interpreter.participantId], { title: 'Sister-city call with Paris', timeZone: 'Europe/Paris', resource: null });
    const tokyo = agendaItem(programId, [], [interpreter.participantId], { title: 'Call with Tokyo office', timeZone: 'Asia/Tokyo', resource: null });
    const [toParis, toTokyo] = [rescheduled(paris, { hours: 1 }), rescheduled(tokyo, { hours: 1 })];
    await producer.send(toParis, toTokyo);
    // The interpreter and the coordinator (email and inbox each), and the webhook subscriber.
    await allSent(toParis.id, 5);
    await allSent(toTokyo.id, 5);
    const [parisMail] = (await emailsFor(toParis.id)).filter((e) => e.to.includes(interpreter.email!));
    const [tokyoMail] = (await emailsFor(toTokyo.id)).filter((e) => e.to.includes(interpreter.email!));
    // The same instants, 20:00Z → 21:00Z, in each venue's local time.
    expect(parisMail.text).toContain('Sister-city call with Paris moved from Tue 21:00 to Tue 22:00');
    expect(parisMail.text).toContain('Times are local to Europe/Paris (GMT+1).');
    expect(tokyoMail.text).toContain('Call with Tokyo office moved from Wed 05:00 to Wed 06:00');
    expect(tokyoMail.text).toContain('Times are local to Asia/Tokyo (GMT+9).');
  });

  it('signs webhook deliveries so a receiver can verify them and reject tampering and replays', async () => {
    const delivery = webhookReceiver.requests.find((r) => JSON.parse(r.body).event.id === firstReschedule.id)!;
    const [row] = await n.dataSource.query(`SELECT notification_id FROM notifications WHERE source_event_id = $1 AND channel = 'webhook'`, [firstReschedule.id]);
    expect(delivery.headers['x-webhook-id']).toBe(row.notification_id);
    expect(JSON.parse(delivery.body)).toMatchObject({ type: 'agenda-item.rescheduled', event: { id: firstReschedule.id, payload: { itemId: briefing.itemId } } });
    const headers = { signature: delivery.headers['x-webhook-signature'] as string, timestamp: delivery.headers['x-webhook-timestamp'] as string };
    expect(verifyWebhook({ secret: webhookSecret, body: delivery.body, ...headers })).toMatchObject({ ok: true });
    expect(verifyWebhook({ secret: webhookSecret, body: delivery.body.replace(briefing.itemId, randomUUID()), ...headers })).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyWebhook({ secret: 'not-the-secret-at-all-000000', body: delivery.body, ...headers })).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyWebhook({ secret: webhookSecret, body: delivery.body, ...headers, nowMs: Date.now() + 10 * 60_000 })).toEqual({ ok: false, reason: 'outside-tolerance' });
    // The stored secret is not the secret.
    const [stored] = await n.dataSource.query(`SELECT secret_ciphertext FROM webhook_subscribers WHERE subscriber_id = $1`, [subscriberId]);
    expect(stored.secret_ciphertext).not.toContain(webhookSecret);
  });

  it('sends nothing more when the same event arrives again', async () => {
    const emailsBefore = smtp.emails.length;
    const rowsBefore = await notificationsOf(n.dataSource, firstReschedule.id);
    await producer.send(firstReschedule);
    // A later event on the same key travels behind the duplicate: once it is handled, so is the duplicate.
    const marker = rescheduled(agendaItem(programId, [], [interpreter.participantId], { title: 'Marker' }), { hours: 2 });
    await producer.send(marker);
    await allSent(marker.id, 5);
    expect(await notificationsOf(n.dataSource, firstReschedule.id)).toEqual(rowsBefore);
    // Only the marker's two emails (interpreter, coordinator) arrived since about this file's
    // program. Other suites publish the same organisation's events on the shared topics
    // meanwhile, and its coordinator is told about those too: count only this program's mail.
    const ofThisProgram: { notification_id: string }[] = await n.dataSource.query(`SELECT notification_id FROM notifications WHERE program_id = $1 AND channel = 'email'`, [programId]);
    const ours = new Set(ofThisProgram.map((r) => `<${r.notification_id}@notifications.citizen-diplomacy.example>`));
    expect(smtp.emails.slice(emailsBefore).filter((e) => ours.has(e.messageId)).map((e) => [e.to[0], e.subject]).sort()).toEqual([
      [coordinatorEmail, 'Modifié : Marker'],
      [interpreter.email, 'Changed: Marker'],
    ]);
    expect(await emailsFor(firstReschedule.id)).toHaveLength(5);
    const [inbox] = await n.dataSource.query(`SELECT count(*)::int AS c FROM inbox WHERE event_id = $1 AND consumer = 'notifications.delivery'`, [firstReschedule.id]);
    expect(inbox.c).toBe(1);
  });

  it('keeps an in-app inbox per recipient: list, unread count, mark read, and the read lands in the delivery log', async () => {
    const inbox = await n.api().get(`/recipients/${amina.participantId}/inbox`).expect(200);
    const entry = inbox.body.find((e: { sourceEventId: string }) => e.sourceEventId === firstReschedule.id);
    expect(entry).toMatchObject({ language: 'ar', subject: 'تغيير: Election security briefing', readAt: null });
    const before = (await n.api().get(`/recipients/${amina.participantId}/inbox/unread-count`).expect(200)).body.unread;
    expect(before).toBe(inbox.body.length);
    const read = await n.api().post(`/recipients/${amina.participantId}/inbox/${entry.notificationId}/read`).expect(200);
    expect(read.body.readAt).not.toBeNull();
    await n.api().post(`/recipients/${amina.participantId}/inbox/${entry.notificationId}/read`).expect(200);
    expect((await n.api().get(`/recipients/${amina.participantId}/inbox/unread-count`).expect(200)).body.unread).toBe(before - 1);
    expect((await n.api().get(`/recipients/${amina.participantId}/inbox?unreadOnly=true`).expect(200)).body).toHaveLength(before - 1);
    // Someone else's notification is not in this inbox.
    await n.api().post(`/recipients/${jorge.participantId}/inbox/${entry.notificationId}/read`).expect(404).expect('content-type', /problem\+json/);

    const log = await n.api().get(`/recipients/${amina.participantId}/deliveries`).expect(200);
    const inApp = log.body.find((d: { notificationId: string }) => d.notificationId === entry.notificationId);
    expect(inApp.timeline.map((t: { status: string }) => t.status)).toEqual(['queued', 'sent', 'read']);
    const byEvent = await n.api().get(`/source-events/${firstReschedule.id}/deliveries`).expect(200);
    expect(byEvent.body).toHaveLength(12);
    expect(new Set(byEvent.body.map((d: { status: string }) => d.status))).toEqual(new Set(['sent']));
  });

  it('honours opt-outs per channel and category, but sends a cancellation within 24 hours regardless', async () => {
    await n.api()
      .put(`/recipients/${jorge.participantId}/preferences`)
      .send({ channels: [{ channel: 'email', enabled: true, optedOutCategories: ['schedule'] }, { channel: 'sms', enabled: false, optedOutCategories: [] }] })
      .expect(200);
    const item = agendaItem(programId, [jorge.participantId], [], { title: 'Library session' });
    const moved = rescheduled(item, { hours: 1 });
    await producer.send(moved);
    // Jorge: suppressed email and inbox (SMS off); the coordinator: email and inbox; the webhook subscriber.
    await allSent(moved.id, 5);
    const rows = await notificationsOf(n.dataSource, moved.id);
    const jorgeRows = rows.filter((r) => r.recipient_id === jorge.participantId).map((r) => [r.channel, r.status]);
    expect(jorgeRows.sort()).toEqual([['email', 'suppressed'], ['in-app', 'sent']]);
    const log = await n.api().get(`/source-events/${moved.id}/deliveries`).expect(200);
    const suppressed = log.body.find((d: { status: string }) => d.status === 'suppressed');
    expect(suppressed.timeline[0]).toMatchObject({ status: 'suppressed', detail: 'opted out of schedule on email' });

    const startsAt = new Date(Date.now() + 3 * 3600_000).toISOString();
    const soon = { ...item, startsAt, endsAt: new Date(Date.parse(startsAt) + 3600_000).toISOString(), version: 2 };
    const cancelled = envelope(AgendaItemCancelled, programId, {
      programId, itemId: item.itemId, version: 3, cause: 'coordinator', reason: 'Speaker ill', before: soon,
      after: { ...soon, status: 'cancelled', cancellationReason: 'Speaker ill', version: 3 }, affectedParticipantIds: [jorge.participantId], resourceContact: null,
    });
    await producer.send(cancelled);
    // Jorge on all three of his channels, the coordinator on two.
    await allSent(cancelled.id, 5);
    const critical = (await notificationsOf(n.dataSource, cancelled.id)).filter((r) => r.recipient_id === jorge.participantId);
    expect(critical.map((r) => [r.channel, r.status]).sort()).toEqual([['email', 'sent'], ['in-app', 'sent'], ['sms', 'sent']]);
    const [mail] = (await emailsFor(cancelled.id)).filter((e) => e.to.includes(jorge.email!));
    expect(mail.subject).toBe('Cancelado: Library session');
    expect(mail.text).toContain('Motivo: Speaker ill.');
  });

  it('merges a burst of changes to one program into one digest per recipient who asked for it', async () => {
    await n.api()
      .put(`/recipients/${amina.participantId}/preferences`)
      .send({ channels: [{ channel: 'email', enabled: true, optedOutCategories: [], digestWindowSeconds: 3 }] })
      .expect(200);
    const burst = ['Breakfast with the mayor', 'Police ride-along', 'Broadband company visit'].map((title) => rescheduled(agendaItem(programId, [amina.participantId], [], { title, resource: null }), { hours: 1 }));
    await producer.send(...burst);
    // Amina (email, inbox), the coordinator (email, inbox) and the webhook subscriber, per change.
    for (const event of burst) await allSent(event.id, 5);
    const aminaEmails = smtp.to(amina.email!).filter((e) => /Breakfast|ride-along|Broadband/.test(e.text));
    expect(aminaEmails).toHaveLength(1);
    expect(aminaEmails[0].subject).toBe('3 تغييرات في Digital government: a ministerial delegation');
    for (const title of ['Breakfast with the mayor', 'Police ride-along', 'Broadband company visit']) expect(aminaEmails[0].text).toContain(title);
    const digestIds: { digest_id: string }[] = await n.dataSource.query(
      `SELECT DISTINCT digest_id FROM notifications WHERE source_event_id = ANY($1::uuid[]) AND recipient_id = $2 AND channel = 'email'`,
      [burst.map((e) => e.id), amina.participantId],
    );
    expect(digestIds).toHaveLength(1);
    expect(digestIds[0].digest_id).not.toBeNull();
    // The burst still reaches Amina's inbox one by one; only the channel with a digest window waits.
    const inApp = await n.dataSource.query(
      `SELECT count(*)::int AS c FROM notifications WHERE source_event_id = ANY($1::uuid[]) AND recipient_id = $2 AND channel = 'in-app' AND status = 'sent' AND digest_id IS NULL`,
      [burst.map((e) => e.id), amina.participantId],
    );
    expect(inApp[0].c).toBe(3);
  });

  it('tells registrants of community events, each in their language, and every registrant of a cancellation', async () => {
    const eventId = randomUUID();
    const published = envelope(CommunityEventPublished, eventId, {
      eventId, organisationId: 'kansas-city-council', kind: 'potluck', title: 'International potluck', description: null, coHostOrganisationIds: [],
      venue: { name: 'Plaza Library', address: '4801 Main St, Kansas City' }, startsAt: '2027-03-10T23:30:00.000Z', endsAt: '2027-03-11T01:30:00.000Z',
      timeZone: 'America/Chicago', capacity: 2, maxPartySize: 4, registrationOpensAt: null, registrationClosesAt: null, visibility: 'public', status: 'published', programIds: [programId], version: 1,
    });
    const maria = { name: 'María', email: 'maria@residents.example', phone: null, preferredLanguage: 'es-MX' };
    const luc = { name: 'Luc', email: 'luc@residents.example', phone: null, preferredLanguage: 'fr-CA' };
    const confirmed = envelope(RegistrationConfirmed, eventId, { eventId, registrationId: randomUUID(), partySize: 2, confirmedBy: 'registered', registrant: maria });
    const waitlisted = envelope(RegistrationWaitlisted, eventId, { eventId, registrationId: randomUUID(), partySize: 3, waitlistPosition: 1, registrant: luc });
    const cancelled = envelope(CommunityEventCancelled, eventId, {
      eventId, organisationId: 'kansas-city-council', title: 'International potluck', startsAt: '2027-03-10T23:30:00.000Z', timeZone: 'America/Chicago', programIds: [programId], reason: 'Storm warning', activeRegistrations: 2, version: 2,
    });
    await producer.send(published, confirmed, waitlisted, cancelled);
    await allSent(cancelled.id, 4);
    const [toMaria] = await emailsFor(confirmed.id);
    expect(toMaria.subject).toBe('Inscripción confirmada: International potluck');
    expect(toMaria.text).toContain('Su plaza para 2 en International potluck el mié 10 mar 17:30 en Plaza Library, 4801 Main St, Kansas City está confirmada.');
    const [toLuc] = await emailsFor(waitlisted.id);
    expect(toLuc.text).toContain('Votre groupe de 3 est numéro 1 sur la liste d\'attente.');
    const cancellations = await emailsFor(cancelled.id);
    expect(cancellations.map((e) => [e.to[0], e.subject]).sort()).toEqual([
      ['luc@residents.example', 'Annulé : International potluck'],
      ['maria@residents.example', 'Cancelado: International potluck'],
    ]);
  });

  it.each([
    ['a URL that is not one', { url: 'not a url' }, 'url'],
    ['an unknown event type', { eventTypes: ['program.exploded'] }, 'eventTypes'],
    ['no event types', { eventTypes: [] }, 'eventTypes'],
    ['a short secret', { secret: 'short' }, 'secret'],
    ['an unknown field', { colour: 'blue' }, 'colour'],
  ])('answers a webhook subscriber with %s with 400 problem+json naming the field', async (_case, change, field) => {
    const body = { name: 'Catering', url: 'https://catering.example/hook', eventTypes: ['*'], ...change };
    const response = await n.api().post('/webhook-subscribers').send(body).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it.each([
    ['an unknown channel', { channels: [{ channel: 'pigeon', enabled: true, optedOutCategories: [] }] }, 'channels.0.channel'],
    ['an unknown category', { channels: [{ channel: 'email', enabled: true, optedOutCategories: ['gossip'] }] }, 'channels.0.optedOutCategories'],
    ['a digest window over a day', { channels: [{ channel: 'email', enabled: true, optedOutCategories: [], digestWindowSeconds: 90000 }] }, 'channels.0.digestWindowSeconds'],
    ['a time zone that does not exist', { timeZone: 'Mars/Olympus', channels: [] }, 'timeZone'],
    ['a malformed language', { language: 'english!', channels: [] }, 'language'],
    ['no channels list', {}, 'channels'],
  ])('answers preferences with %s with 400 problem+json naming the field', async (_case, body, field) => {
    const response = await n.api().put(`/recipients/${bystander.participantId}/preferences`).send(body).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('answers bad ids and query parameters with 400 naming them, unknown ones with 404', async () => {
    expect((await n.api().get('/recipients/42/inbox').expect(400)).body.errors[0].field).toBe('recipientId');
    expect((await n.api().get(`/recipients/${amina.participantId}/inbox?limit=0`).expect(400)).body.errors[0].field).toBe('limit');
    expect((await n.api().get(`/recipients/${amina.participantId}/inbox?unreadOnly=perhaps`).expect(400)).body.errors[0].field).toBe('unreadOnly');
    expect((await n.api().get('/source-events/nope/deliveries').expect(400)).body.errors[0].field).toBe('eventId');
    expect((await n.api().post(`/recipients/${amina.participantId}/inbox/x/read`).expect(400)).body.errors[0].field).toBe('notificationId');
    await n.api().get(`/recipients/${randomUUID()}/preferences`).expect(404).expect('content-type', /problem\+json/);
    await n.api().get(`/webhook-subscribers/${randomUUID()}`).expect(404).expect('content-type', /problem\+json/);
    expect((await n.api().get(`/webhook-subscribers/${subscriberId}`).expect(200)).body).not.toHaveProperty('secret');
  });

  it('keeps the program directory that the system test reads', async () => {
    const entry = await n.api().get(`/program-directory/${programId}`).expect(200);
    expect(entry.body).toMatchObject({ programId, title: 'Digital government: a ministerial delegation', organisationId: 'kansas-city-council' });
  });

  it('describes every route in its OpenAPI document, each with more than its default answer', () => {
    const paths = Object.keys(n.service.openApi.paths).filter((p) => !p.startsWith('/health') && p !== '/metrics');
    expect(paths.sort()).toEqual([
      '/program-directory/{programId}',
      '/recipients/{recipientId}',
      '/recipients/{recipientId}/deliveries',
      '/recipients/{recipientId}/inbox',
      '/recipients/{recipientId}/inbox/unread-count',
      '/recipients/{recipientId}/inbox/{notificationId}/read',
      '/recipients/{recipientId}/preferences',
      '/source-events/{eventId}/deliveries',
      '/webhook-subscribers',
      '/webhook-subscribers/{subscriberId}',
    ]);
    for (const path of paths) {
      for (const [method, operation] of Object.entries(n.service.openApi.paths[path] as Record<string, { responses?: Record<string, unknown> }>)) {
        expect({ route: `${method} ${path}`, answers: Object.keys(operation.responses ?? {}).length > 1 }).toEqual({ route: `${method} ${path}`, answers: true });
      }
    }
  });
});
