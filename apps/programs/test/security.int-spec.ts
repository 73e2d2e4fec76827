import { COMMON_DEFAULTS, DEV_AUTH_JWT_SECRET, signHs256 } from '@diplomacy/service-kit';
import { HOME_ORG, OTHER_ORG, testToken, testTokens as tokens } from '@diplomacy/testing';
import { newOrganisation, newParticipant, newPartnership, newProgram, organisationBody, partnershipBody, programBody } from './programs.fixtures';
import { ServiceUnderTest, fieldsOf } from './service-under-test';

/** A third organisation: neither the home organisation nor its partner. */
const THIRD_ORG = 'lyon-metropole';
const thirdCoordinator = testToken({ roles: ['coordinator'], org: THIRD_ORG, sub: 'theo' });

describe('programs security (real Postgres, real Kafka)', () => {
  let sut: ServiceUnderTest;

  beforeAll(async () => {
    sut = await ServiceUnderTest.start('programs_security_test');
  });

  afterAll(async () => {
    await sut?.stop();
  });

  describe('authentication', () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: COMMON_DEFAULTS.AUTH_ISSUER, aud: COMMON_DEFAULTS.AUTH_AUDIENCE, sub: 'ana', org: HOME_ORG, roles: ['coordinator'], iat: now, exp: now + 600 };

    it.each([
      ['no token', null, 'unauthenticated'],
      ['an expired token', signHs256({ ...claims, exp: now - 120 }, DEV_AUTH_JWT_SECRET), 'invalid-token'],
      ['another audience', signHs256({ ...claims, aud: 'billing' }, DEV_AUTH_JWT_SECRET), 'invalid-token'],
      ['another secret', signHs256(claims, 'a-secret-nobody-configured-000000000000'), 'invalid-token'],
      ['a coordinator without organisation', signHs256({ ...claims, org: undefined }, DEV_AUTH_JWT_SECRET), 'invalid-token'],
    ])('answers %s with 401 problem+json and a Bearer challenge, and writes nothing', async (_case, token, code) => {
      const before = await sut.count('programs');
      const response = await sut.http(token).post('/programs').send(programBody()).expect(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.body).toMatchObject({ status: 401, code });
      expect(await sut.count('programs')).toBe(before);
    });

    it('keeps only the health probes anonymous', async () => {
      await sut.anonymous().get('/health/live').expect(200);
      await sut.anonymous().get('/programs').expect(401);
      await sut.anonymous().get('/organisations').expect(401);
    });
  });

  describe('tenancy', () => {
    it('creates programs, organisations and partnerships in the caller’s organisation and stamps it on their events', async () => {
      const program = await sut.http().post('/programs').send(programBody()).expect(201);
      expect(program.body.organisationId).toBe(HOME_ORG);
      const [created] = await sut.events(program.body.id, 'program.created');
      expect(created.organisationId).toBe(HOME_ORG);
      expect((await sut.http().post('/organisations').send(organisationBody()).expect(201)).body.managedBy).toBe(HOME_ORG);
      expect((await sut.http().post('/partnerships').send(partnershipBody()).expect(201)).body.managedBy).toBe(HOME_ORG);
    });

    it.each([
      ['/programs', programBody({ organisationId: OTHER_ORG }), 'organisationId'],
      ['/organisations', organisationBody({ managedBy: OTHER_ORG }), 'managedBy'],
      ['/partnerships', partnershipBody({ managedBy: OTHER_ORG }), 'managedBy'],
    ])('POST %s: refuses a coordinator naming another organisation (403); a platform admin must name one and may name any', async (path, body, field) => {
      const mismatch = await sut.http().post(path).send(body).expect(403);
      expect(mismatch.body.code).toBe('organisation-mismatch');
      const { [field]: _named, ...unnamed } = body as Record<string, unknown>;
      const refused = await sut.http(tokens.platformAdmin).post(path).send(unnamed).expect(400);
      expect(fieldsOf(refused.body)).toEqual([field]);
      const named = await sut.http(tokens.platformAdmin).post(path).send(body).expect(201);
      expect(named.body[field]).toBe(OTHER_ORG);
    });

    it('answers another organisation’s program with 404 on every route, leaves it unchanged and keeps it out of lists; a platform admin sees it', async () => {
      const id = await newProgram(sut.http(), { title: 'Home only' });
      const participantId = await newParticipant(sut.http(), id);
      const other = sut.http(tokens.otherCoordinator);
      await other.get(`/programs/${id}`).expect(404);
      await other.patch(`/programs/${id}`).set('If-Match', '1').send({ title: 'Taken over' }).expect(404);
      await other.post(`/programs/${id}/transitions`).send({ to: 'cancelled', reason: 'x' }).expect(404);
      await other.get(`/programs/${id}/participants`).expect(404);
      await other.get(`/programs/${id}/participants/${participantId}`).expect(404);
      await other.patch(`/programs/${id}/participants/${participantId}`).set('If-Match', '1').send({ title: 'x' }).expect(404);
      await other.delete(`/programs/${id}/participants/${participantId}`).expect(404);
      await other.post(`/programs/${id}/participants`).send({ name: 'Intruder', country: 'DE', role: 'delegate' }).expect(404);
      await other.get(`/programs/${id}/impact`).expect(404);
      const listed = await other.get('/programs').query({ organisationId: HOME_ORG }).expect(200);
      expect(listed.body.items).toEqual([]);

      const unchanged = await sut.http().get(`/programs/${id}`).expect(200);
      expect(unchanged.body).toMatchObject({ title: 'Home only', status: 'draft', version: 1 });
      expect((await sut.http().get(`/programs/${id}/participants`).expect(200)).body.items).toHaveLength(1);
      await sut.http(tokens.platformAdmin).get(`/programs/${id}/participants/${participantId}`).expect(200);
      const everyone = await sut.http(tokens.platformAdmin).get('/programs').query({ organisationId: HOME_ORG }).expect(200);
      expect(everyone.body.items.map((p: { id: string }) => p.id)).toContain(id);
    });

    it('does not let a program reference another organisation’s records: they do not exist for it', async () => {
      const theirs = await newOrganisation(sut.http(tokens.otherCoordinator), { name: 'Berlin library' });
      const id = await newProgram(sut.http());
      const response = await sut.http().patch(`/programs/${id}`).set('If-Match', '1').send({ hostOrganisationId: theirs }).expect(400);
      expect(fieldsOf(response.body)).toEqual(['hostOrganisationId']);
      await sut.http().get(`/organisations/${theirs}`).expect(404);
      await sut.http().get(`/organisations/${theirs}/history`).expect(404);
    });

    it('lets a viewer read but never write', async () => {
      const id = await newProgram(sut.http());
      const viewer = sut.http(tokens.viewer);
      await viewer.get(`/programs/${id}`).expect(200);
      await viewer.get(`/programs/${id}/participants`).expect(200);
      const refused = await viewer.patch(`/programs/${id}`).set('If-Match', '1').send({ title: 'Viewer was here' }).expect(403);
      expect(refused.body).toMatchObject({ code: 'forbidden', status: 403 });
      await viewer.post('/organisations').send(organisationBody()).expect(403);
      expect((await sut.http().get(`/programs/${id}`).expect(200)).body.version).toBe(1);
    });
  });

  describe('participants', () => {
    it('lets a participant read their own record, private notes included, and nothing else', async () => {
      const programId = await newProgram(sut.http());
      const own = await newParticipant(sut.http(), programId, { dietaryNotes: 'No pork' });
      const someoneElse = await newParticipant(sut.http(), programId, { name: 'Brian Otieno' });
      const participant = sut.http(testToken({ roles: ['participant'], sub: 'amina', participantId: own }));

      const record = await participant.get(`/programs/${programId}/participants/${own}`).expect(200);
      expect(record.body).toMatchObject({ id: own, name: 'Amina Mwangi', dietaryNotes: 'No pork' });
      // Someone else's record does not exist for them; the list and every write are not theirs at all.
      await participant.get(`/programs/${programId}/participants/${someoneElse}`).expect(404);
      await participant.get(`/programs/${programId}/participants`).expect(403);
      await participant.get(`/programs/${programId}`).expect(403);
      await participant.patch(`/programs/${programId}/participants/${own}`).set('If-Match', '1').send({ title: 'x' }).expect(403);
      // A participant token of another organisation naming the same id finds nothing.
      await sut.http(testToken({ roles: ['participant'], org: OTHER_ORG, participantId: own })).get(`/programs/${programId}/participants/${own}`).expect(404);
    });
  });

  describe('sister-city partnerships: shared between the two partner organisations', () => {
    let partnerAssociation: string;
    let partnershipId: string;

    beforeAll(async () => {
      // The association abroad is maintained by the partner organisation itself.
      partnerAssociation = await newOrganisation(sut.http(tokens.otherCoordinator), {
        name: 'Lichtenberg Partnerschaftsverein',
        kind: 'sister-city-association',
        resourceType: undefined,
        address: { city: 'Berlin', country: 'DE' },
        timeZone: 'Europe/Berlin',
      });
      const homeAssociation = await newOrganisation(sut.http(), { name: 'Kansas City Sister Cities', kind: 'sister-city-association', resourceType: undefined });
      partnershipId = await newPartnership(sut.http(), {
        partnerCommunity: { name: 'Berlin-Lichtenberg', country: 'DE' },
        usAssociationId: homeAssociation,
        partnerAssociationId: partnerAssociation,
      });
    });

    it('is visible to the partner organisation, read-only (403 on change), and invisible to anyone else (404)', async () => {
      const partner = sut.http(tokens.otherCoordinator);
      const seen = await partner.get(`/partnerships/${partnershipId}`).expect(200);
      expect(seen.body).toMatchObject({ managedBy: HOME_ORG, partnerAssociationId: partnerAssociation });
      expect((await partner.get('/partnerships').expect(200)).body.items.map((p: { id: string }) => p.id)).toContain(partnershipId);
      const refused = await partner.patch(`/partnerships/${partnershipId}`).set('If-Match', '1').send({ status: 'inactive' }).expect(403);
      expect(refused.body.code).toBe('partnership-managed-elsewhere');

      const stranger = sut.http(thirdCoordinator);
      await stranger.get(`/partnerships/${partnershipId}`).expect(404);
      await stranger.get(`/partnerships/${partnershipId}/exchanges`).expect(404);
      await stranger.patch(`/partnerships/${partnershipId}`).set('If-Match', '1').send({ status: 'inactive' }).expect(404);
      expect((await stranger.get('/partnerships').expect(200)).body.items).toEqual([]);
      expect((await sut.http().get(`/partnerships/${partnershipId}`).expect(200)).body).toMatchObject({ status: 'active', version: 1 });
    });

    it('lets each partner link its own programs; each sees only its own programs in the exchange history', async () => {
      const homeProgram = await newProgram(sut.http(), { title: 'Youth exchange: Kansas City hosts' });
      const partnerProgram = await newProgram(sut.http(tokens.otherCoordinator), { title: 'Youth exchange: Berlin hosts' });
      await sut.http().patch(`/programs/${homeProgram}`).set('If-Match', '1').send({ partnershipId }).expect(200);
      await sut.http(tokens.otherCoordinator).patch(`/programs/${partnerProgram}`).set('If-Match', '1').send({ partnershipId }).expect(200);
      // A stranger cannot link to it: the partnership does not exist for them.
      const strangerProgram = await newProgram(sut.http(thirdCoordinator));
      const refused = await sut.http(thirdCoordinator).patch(`/programs/${strangerProgram}`).set('If-Match', '1').send({ partnershipId }).expect(400);
      expect(fieldsOf(refused.body)).toEqual(['partnershipId']);

      const homeHistory = await sut.http().get(`/partnerships/${partnershipId}/exchanges`).expect(200);
      expect(homeHistory.body.exchanges.map((e: { programId: string }) => e.programId)).toEqual([homeProgram]);
      const partnerHistory = await sut.http(tokens.otherCoordinator).get(`/partnerships/${partnershipId}/exchanges`).expect(200);
      expect(partnerHistory.body.exchanges.map((e: { programId: string }) => e.programId)).toEqual([partnerProgram]);
    });

    it('may name another organisation’s sister-city association, but none of its other records', async () => {
      const theirLibrary = await newOrganisation(sut.http(tokens.otherCoordinator), { name: 'Anna-Seghers-Bibliothek' });
      const response = await sut.http().post('/partnerships').send(partnershipBody({ partnerAssociationId: theirLibrary })).expect(400);
      expect(response.body.errors).toEqual([{ field: 'partnerAssociationId', messages: [`organisation ${theirLibrary} does not exist`] }]);
    });
  });
});
