import { randomUUID } from 'node:crypto';
import { ServiceUnderTest, fieldsOf } from './service-under-test';

describe('sister-city partnerships (real Postgres, real Kafka)', () => {
  let sut: ServiceUnderTest;
  let usAssociation: string;
  let tanzanianAssociation: string;
  let library: string;

  const association = (name: string, country: string, timeZone: string) =>
    sut
      .http()
      .post('/organisations')
      .send({ managedBy: 'kansas-city-council', name, kind: 'sister-city-association', address: { city: name, country }, timeZone })
      .expect(201)
      .then((r) => r.body.id as string);

  const partnership = (overrides: Record<string, unknown> = {}) => ({
    managedBy: 'kansas-city-council',
    usCommunity: { name: 'Kansas City', kind: 'city', state: 'MO' },
    partnerCommunity: { name: 'Arusha', country: 'TZ' },
    establishedOn: '1991-05-12',
    focusAreas: ['youth-education', 'humanitarian'],
    status: 'active',
    usAssociationId: usAssociation,
    partnerAssociationId: tanzanianAssociation,
    ...overrides,
  });

  beforeAll(async () => {
    sut = await ServiceUnderTest.start('programs_partnerships_test');
    usAssociation = await association('Kansas City Sister Cities', 'US', 'America/Chicago');
    tanzanianAssociation = await association('Arusha Sister Cities', 'TZ', 'Africa/Dar_es_Salaam');
    library = (
      await sut
        .http()
        .post('/organisations')
        .send({ managedBy: 'kansas-city-council', name: 'Central Library', kind: 'resource-organisation', resourceType: 'library', address: { city: 'Kansas City', country: 'US' }, timeZone: 'America/Chicago' })
        .expect(201)
    ).body.id;
  });

  afterAll(async () => {
    await sut?.stop();
  });

  it('records a partnership, links a youth exchange to it and shows the exchange history', async () => {
    const created = await sut.http().post('/partnerships').send(partnership()).expect(201);
    const id = created.body.id as string;
    const [event] = await sut.events(id, 'partnership.created');
    expect(event.payload).toMatchObject({ partnershipId: id, partnerCommunity: { name: 'Arusha', country: 'TZ' }, focusAreas: ['youth-education', 'humanitarian'], version: 1 });

    // The same pair again is a conflict, not a second partnership.
    await sut.http().post('/partnerships').send(partnership({ status: 'proposed' })).expect(409);

    const exchange = (await sut.http().post('/programs').send({ organisationId: 'kansas-city-council', title: 'Arusha–Kansas City youth exchange', kind: 'youth-exchange', startDate: '2027-07-05', endDate: '2027-07-19' }).expect(201)).body;
    await sut.http().patch(`/programs/${exchange.id}`).set('If-Match', '1').send({ partnershipId: id }).expect(200);
    for (const name of ['Neema', 'Baraka']) {
      await sut.http().post(`/programs/${exchange.id}/participants`).send({ name, country: 'TZ', role: 'youth-participant', languages: ['sw'] }).expect(201);
    }
    const history = await sut.http().get(`/partnerships/${id}/exchanges`).expect(200);
    expect(history.body).toEqual({
      partnershipId: id,
      exchanges: [{ programId: exchange.id, title: 'Arusha–Kansas City youth exchange', kind: 'youth-exchange', status: 'draft', startDate: '2027-07-05', endDate: '2027-07-19', participants: 2 }],
    });
    const linked = await sut.http().get('/programs').query({ partnershipId: id }).expect(200);
    expect(linked.body.items.map((p: { id: string }) => p.id)).toEqual([exchange.id]);

    const updated = await sut.http().patch(`/partnerships/${id}`).set('If-Match', '1').send({ focusAreas: ['youth-education', 'arts-culture'], status: 'active' }).expect(200);
    expect(updated.body.version).toBe(2);
    const [changed] = await sut.events(id, 'partnership.updated');
    expect(changed.payload).toMatchObject({ changedFields: ['focusAreas'], focusAreas: ['youth-education', 'arts-culture'], version: 2 });
    await sut.http().patch(`/partnerships/${id}`).set('If-Match', '1').send({ status: 'inactive' }).expect(412);
  });

  it.each([
    ['a partner community in the US', { partnerCommunity: { name: 'St. Louis', country: 'US' } }, 'partnerCommunity.country'],
    ['an unknown focus area', { focusAreas: ['sports'] }, 'focusAreas'],
    ['an unknown status', { status: 'paused' }, 'status'],
    ['a county given as a town', { usCommunity: { name: 'Jackson', kind: 'town', state: 'MO' } }, 'usCommunity.kind'],
    ['a state that is not a code', { usCommunity: { name: 'Kansas City', kind: 'city', state: 'Missouri' } }, 'usCommunity.state'],
    ['a library as an association', { usAssociationId: 'library' }, 'usAssociationId'],
    ['an unknown association', { partnerAssociationId: randomUUID() }, 'partnerAssociationId'],
    ['the same association twice', { partnerAssociationId: 'us' }, 'partnerAssociationId'],
    ['an impossible date', { establishedOn: '1991-02-30' }, 'establishedOn'],
  ])('answers %s with 400 naming the field, and writes nothing', async (_case, change, field) => {
    const resolved = Object.fromEntries(Object.entries(change).map(([k, v]) => [k, v === 'library' ? library : v === 'us' ? usAssociation : v]));
    const before = await sut.count('partnerships');
    const response = await sut
      .http()
      .post('/partnerships')
      .send(partnership({ partnerCommunity: { name: `Elsewhere ${randomUUID()}`, country: 'TZ' }, ...resolved }))
      .expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(fieldsOf(response.body)).toContain(field);
    expect(await sut.count('partnerships')).toBe(before);
  });

  it('answers an unknown partnership with 404', async () => {
    await sut.http().get(`/partnerships/${randomUUID()}`).expect(404);
    await sut.http().get(`/partnerships/${randomUUID()}/exchanges`).expect(404);
  });
});
