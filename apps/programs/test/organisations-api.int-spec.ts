import { randomUUID } from 'node:crypto';
import { testTokens } from '@diplomacy/testing';
import { ServiceUnderTest, fieldsOf } from './service-under-test';

const policeDepartment = () => ({
  managedBy: 'kansas-city-council',
  name: 'Kansas City Police Department',
  kind: 'resource-organisation',
  resourceType: 'police-department',
  address: { line1: '1125 Locust St', city: 'Kansas City', region: 'MO', postalCode: '64106', country: 'US' },
  timeZone: 'America/Chicago',
  contacts: [{ name: 'Dana Whitfield', role: 'Community engagement lead', email: 'dana@kcpd.example', phone: '+18165550100', preferredLanguage: 'en-US' }],
});

describe('organisations HTTP API (real Postgres, real Kafka)', () => {
  let sut: ServiceUnderTest;

  beforeAll(async () => {
    sut = await ServiceUnderTest.start('programs_organisations_test');
  });

  afterAll(async () => {
    await sut?.stop();
  });

  it('registers an organisation with contacts and publishes organisation.created', async () => {
    const created = await sut.http().post('/organisations').send(policeDepartment()).expect(201);
    expect(created.headers['etag']).toBe('W/"1"');
    expect(created.body).toMatchObject({ ...policeDepartment(), contacts: [expect.objectContaining({ name: 'Dana Whitfield', contactId: expect.any(String) })], version: 1 });

    const [event] = await sut.events(created.body.id, 'organisation.created');
    expect(event.organisationId).toBe('kansas-city-council');
    expect(event.payload).toMatchObject({ organisationId: created.body.id, kind: 'resource-organisation', resourceType: 'police-department', timeZone: 'America/Chicago' });
    expect((event.payload as { contacts: unknown[] }).contacts).toHaveLength(1);
  });

  it.each([
    ['an unknown kind', { kind: 'club' }, 'kind'],
    ['a resource organisation without a resource type', { resourceType: undefined }, 'resourceType'],
    ['a resource type on a council', { kind: 'host-council' }, 'resourceType'],
    ['a bad time zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['an offset instead of a zone', { timeZone: '+01:00' }, 'timeZone'],
    ['a bad country', { address: { city: 'Kansas City', country: 'USA' } }, 'address.country'],
    ['a missing city', { address: { country: 'US' } }, 'address.city'],
    ['a bad contact email', { contacts: [{ name: 'A', role: 'B', email: 'not-an-email' }] }, 'contacts.0.email'],
    ['a bad contact language', { contacts: [{ name: 'A', role: 'B', preferredLanguage: 'english_US' }] }, 'contacts.0.preferredLanguage'],
    ['a bad contact phone', { contacts: [{ name: 'A', role: 'B', phone: 'call me' }] }, 'contacts.0.phone'],
    ['a bad tenant key', { managedBy: 'Kansas City!' }, 'managedBy'],
  ])('answers %s with 400 naming the field and writes nothing', async (_case, change, field) => {
    const before = await sut.count('organisations');
    const response = await sut.http().post('/organisations').send({ ...policeDepartment(), ...change }).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(fieldsOf(response.body)).toContain(field);
    expect(await sut.count('organisations')).toBe(before);
  });

  it('updates partially under If-Match, keeps contact ids, and publishes organisation.updated with the changed fields', async () => {
    const created = (await sut.http().post('/organisations').send(policeDepartment()).expect(201)).body;
    const contactId = created.contacts[0].contactId as string;
    await sut.http().patch(`/organisations/${created.id}`).send({ name: 'KCPD' }).expect(428);
    await sut.http().patch(`/organisations/${created.id}`).set('If-Match', 'W/"7"').send({ name: 'KCPD' }).expect(412);

    const updated = await sut
      .http()
      .patch(`/organisations/${created.id}`)
      .set('If-Match', 'W/"1"')
      .send({ name: 'KCPD', contacts: [{ contactId, name: 'Dana Whitfield', role: 'Captain', email: 'dana@kcpd.example' }, { name: 'Sam Ortiz', role: 'Patrol' }] })
      .expect(200);
    expect(updated.headers['etag']).toBe('W/"2"');
    expect(updated.body.contacts.map((c: { contactId: string }) => c.contactId)[0]).toBe(contactId);

    const [event] = await sut.events(created.id, 'organisation.updated');
    expect(event.payload).toMatchObject({ name: 'KCPD', version: 2, changedFields: ['name', 'contacts'] });

    // The same write again is not a change: the version stays.
    const again = await sut.http().patch(`/organisations/${created.id}`).set('If-Match', '2').send({ name: 'KCPD' }).expect(200);
    expect(again.body.version).toBe(2);
  });

  it('refuses a contact id that belongs to no contact of the organisation', async () => {
    const created = (await sut.http().post('/organisations').send(policeDepartment()).expect(201)).body;
    const response = await sut.http().patch(`/organisations/${created.id}`).set('If-Match', '1').send({ contacts: [{ contactId: randomUUID(), name: 'X', role: 'Y' }] }).expect(400);
    expect(fieldsOf(response.body)).toEqual(['contacts.0.contactId']);
  });

  it('refuses null for a required field in a partial update', async () => {
    const created = (await sut.http().post('/organisations').send(policeDepartment()).expect(201)).body;
    const response = await sut.http().patch(`/organisations/${created.id}`).set('If-Match', '1').send({ name: null }).expect(400);
    expect(fieldsOf(response.body)).toEqual(['name']);
  });

  it('lists with filters and a stable cursor over (name, id)', async () => {
    const names = ['Zeta Library', 'Alpha University', 'Alpha University', 'Mid Company'];
    const types = ['library', 'university', 'university', 'company'];
    // Another tenant's directory, so the home organisation's records of other tests stay out of the counts.
    const admin = sut.http(testTokens.platformAdmin);
    for (const [i, name] of names.entries()) {
      await admin.post('/organisations').send({ ...policeDepartment(), managedBy: 'list-test', name, resourceType: types[i], contacts: [] }).expect(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string; name: string }[]; nextCursor: string | null } } = await admin
        .get('/organisations')
        .query({ managedBy: 'list-test', limit: 1, ...(cursor ? { cursor } : {}) })
        .expect(200);
      seen.push(...page.body.items.map((o) => o.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Alpha University', 'Alpha University', 'Mid Company', 'Zeta Library']);

    const universities = await admin.get('/organisations').query({ managedBy: 'list-test', resourceType: 'university' }).expect(200);
    expect(universities.body.items).toHaveLength(2);
  });

  it.each([
    [{ limit: 0 }, 'limit'],
    [{ limit: 101 }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ kind: 'club' }, 'kind'],
    [{ country: 'XX' }, 'country'],
    [{ cursor: 'not-a-cursor' }, 'cursor'],
    [{ colour: 'red' }, 'colour'],
  ])('answers the list query %p with 400 naming %s', async (query, field) => {
    const response = await sut.http().get('/organisations').query(query).expect(400);
    expect(fieldsOf(response.body)).toContain(field);
  });
});
