import { randomUUID } from 'node:crypto';
import { LogCapture } from '@diplomacy/testing';
import { ServiceUnderTest, fieldsOf } from './service-under-test';

// Distinctive strings, so finding any of them anywhere is unambiguous.
const DIETARY = `halal-no-shellfish-${randomUUID()}`;
const ACCESSIBILITY = `wheelchair-step-free-${randomUUID()}`;
const DIETARY_LATER = `vegetarian-${randomUUID()}`;

const minister = () => ({
  name: 'Amina Mwangi',
  country: 'KE',
  title: 'Cabinet Secretary for ICT',
  organisationName: 'Ministry of Information, Communications and the Digital Economy',
  role: 'delegation-lead',
  languages: ['sw', 'en'],
  preferredLanguage: 'sw',
  notificationChannels: ['email', 'whatsapp'],
  email: 'amina.mwangi@ict.example',
  phone: '+254700000001',
  gender: 'female',
  dietaryNotes: DIETARY,
  accessibilityNotes: ACCESSIBILITY,
});

describe('participants (real Postgres, real Kafka): private fields stay private', () => {
  let sut: ServiceUnderTest;
  let logs: LogCapture;
  let programId: string;

  beforeAll(async () => {
    logs = LogCapture.start();
    // Debug level: the most the service ever logs, request lines, relay and all.
    sut = await ServiceUnderTest.start('programs_participants_test', { LOG_LEVEL: 'debug' });
    programId = (
      await sut
        .http()
        .post('/programs')
        .send({ organisationId: 'kansas-city-council', title: 'Digital government', kind: 'international-visitor', startDate: '2027-03-08', endDate: '2027-03-11' })
        .expect(201)
    ).body.id;
  });

  afterAll(async () => {
    await sut?.stop();
    logs?.stop();
  });

  it('adds, updates and removes a participant; the events carry contact, language and channels and nothing private', async () => {
    const added = await sut.http().post(`/programs/${programId}/participants`).send(minister()).expect(201);
    // Coordinators see everything through the API.
    expect(added.body).toMatchObject({ ...minister(), programId, version: 1 });
    const participantId = added.body.id as string;

    await sut.http().patch(`/programs/${programId}/participants/${participantId}`).set('If-Match', '1').send({ preferredLanguage: 'en', dietaryNotes: DIETARY_LATER }).expect(200);
    // A change to private fields alone is nobody else's business: no event.
    await sut.http().patch(`/programs/${programId}/participants/${participantId}`).set('If-Match', '2').send({ gender: 'prefer-not-to-say' }).expect(200);
    await sut.http().delete(`/programs/${programId}/participants/${participantId}`).set('If-Match', '3').expect(204);
    await sut.http().get(`/programs/${programId}/participants/${participantId}`).expect(404);

    // Same key, same partition: once the removal is on the topic, every earlier event is too.
    const [removed] = await sut.events(programId, 'participant.removed');
    expect(removed.payload).toEqual({ programId, participantId });
    const [addedEvent] = await sut.events(programId, 'participant.added');
    expect(addedEvent.payload).toEqual({
      programId,
      participantId,
      name: 'Amina Mwangi',
      country: 'KE',
      title: 'Cabinet Secretary for ICT',
      organisationName: 'Ministry of Information, Communications and the Digital Economy',
      role: 'delegation-lead',
      languages: ['sw', 'en'],
      preferredLanguage: 'sw',
      notificationChannels: ['email', 'whatsapp'],
      email: 'amina.mwangi@ict.example',
      phone: '+254700000001',
      version: 1,
    });
    const updatedEvents = await sut.events(programId, 'participant.updated');
    expect(updatedEvents.map((e) => e.payload)).toEqual([expect.objectContaining({ preferredLanguage: 'en', changedFields: ['preferredLanguage'], version: 2 })]);

    // Nothing private anywhere on the topic for this program, in any event.
    const onTopic = sut.rawMessages(programId).join('\n');
    for (const secret of [DIETARY, ACCESSIBILITY, DIETARY_LATER, 'dietaryNotes', 'accessibilityNotes', 'gender', 'female', 'prefer-not-to-say']) {
      expect(onTopic).not.toContain(secret);
    }
  });

  it('keeps private fields out of every log line, at debug level', async () => {
    await sut.http().post(`/programs/${programId}/participants`).set('x-correlation-id', 'privacy-log-check').send(minister()).expect(201);
    // A failed request too: validation errors echo fields, and must not echo these.
    await sut.http().post(`/programs/${programId}/participants`).send({ ...minister(), country: 'Kenya' }).expect(400);
    await sut.events(programId, 'participant.added', 2);

    // The capture works: the request was logged, with its correlation id and URL.
    const requestLine = logs.lines().find((line) => line['correlationId'] === 'privacy-log-check' && line['msg'] === 'request completed');
    expect(JSON.stringify(requestLine)).toContain(`/programs/${programId}/participants`);
    for (const secret of [DIETARY, ACCESSIBILITY, DIETARY_LATER]) expect(logs.text()).not.toContain(secret);
  });

  it.each([
    ['a country that is not ISO 3166-1', { country: 'Kenya' }, 'country'],
    ['an unknown role', { role: 'minister' }, 'role'],
    ['a language that is not BCP 47', { languages: ['sw', 'english_US'] }, 'languages'],
    ['a preferred language they do not speak', { preferredLanguage: 'fr' }, 'preferredLanguage'],
    ['the email channel without an email', { email: null }, 'email'],
    ['the WhatsApp channel without a phone', { phone: undefined }, 'phone'],
    ['an unknown channel', { notificationChannels: ['pigeon'] }, 'notificationChannels'],
    ['an unknown gender value', { gender: 'x' }, 'gender'],
    ['a malformed email', { email: 'amina@' }, 'email'],
  ])('answers %s with 400 naming the field, and writes nothing', async (_case, change, field) => {
    const before = await sut.count('participants');
    const response = await sut.http().post(`/programs/${programId}/participants`).send({ ...minister(), ...change }).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(fieldsOf(response.body)).toContain(field);
    expect(await sut.count('participants')).toBe(before);
  });

  it('answers an unknown program with 404 and a stale participant update with 412', async () => {
    await sut.http().post(`/programs/${randomUUID()}/participants`).send(minister()).expect(404);
    const id = (await sut.http().post(`/programs/${programId}/participants`).send(minister()).expect(201)).body.id;
    await sut.http().patch(`/programs/${programId}/participants/${id}`).send({ title: 'x' }).expect(428);
    await sut.http().patch(`/programs/${programId}/participants/${id}`).set('If-Match', 'W/"1"').send({ title: 'Minister' }).expect(200);
    const stale = await sut.http().patch(`/programs/${programId}/participants/${id}`).set('If-Match', 'W/"1"').send({ title: 'Deputy' }).expect(412);
    expect(stale.body).toMatchObject({ code: 'version-conflict', currentVersion: 2 });
    expect((await sut.http().get(`/programs/${programId}/participants/${id}`).expect(200)).body.title).toBe('Minister');
  });
});
