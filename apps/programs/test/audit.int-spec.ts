import { randomUUID } from 'node:crypto';
import { AuditTrail, TenantContext } from '@diplomacy/service-kit';
import { HOME_ORG, OTHER_ORG, testToken, testTokens as tokens } from '@diplomacy/testing';
import { newProgram, participantBody, programBody } from './programs.fixtures';
import { ServiceUnderTest, fieldsOf } from './service-under-test';

// Distinctive private values, so finding any of them anywhere is unambiguous.
const EMAIL = `amina-${randomUUID().slice(0, 8)}@ict.example`;
const PHONE = '+254700000777';
const DIETARY = `halal-${randomUUID()}`;
const ACCESSIBILITY = `step-free-${randomUUID()}`;
const DIETARY_LATER = `vegetarian-${randomUUID()}`;
const PRIVATE_VALUES = [EMAIL, PHONE, DIETARY, ACCESSIBILITY, DIETARY_LATER, 'female', 'prefer-not-to-say'];

interface Entry {
  id: string;
  organisationId: string;
  actor: string;
  actorRoles: string[];
  entityType: string;
  entityId: string;
  action: string;
  changedFields: string[];
  changes: Record<string, { from?: unknown; to?: unknown }>;
  correlationId: string | null;
  occurredAt: string;
}

describe('audit trail (real Postgres, real Kafka)', () => {
  let sut: ServiceUnderTest;

  beforeAll(async () => {
    sut = await ServiceUnderTest.start('programs_audit_test');
  });

  afterAll(async () => {
    await sut?.stop();
  });

  const auditOf = async (entityId: string, token: string = tokens.coordinator): Promise<Entry[]> =>
    (await sut.http(token).get('/audit').query({ entityId, limit: 100 }).expect(200)).body.items as Entry[];

  it('records who changed a program, what and when, newest first, with the request’s correlation id', async () => {
    const created = await sut.http().post('/programs').set('x-correlation-id', 'audit-create').send(programBody()).expect(201);
    const id = created.body.id as string;
    await sut.http().patch(`/programs/${id}`).set('If-Match', '1').send({ title: 'Digital government', objectives: ['See e-voting'] }).expect(200);
    // A write that changes nothing is not history.
    await sut.http().patch(`/programs/${id}`).set('If-Match', '2').send({ title: 'Digital government' }).expect(200);
    const admin = testToken({ roles: ['platform-admin'], org: null, sub: 'root' });
    await sut.http(admin).post(`/programs/${id}/transitions`).send({ to: 'cancelled', reason: 'Visa delays' }).expect(200);

    const entries = await auditOf(id);
    expect(entries.map((e) => [e.action, e.actor])).toEqual([
      ['status-changed', 'root'],
      ['updated', 'ana'],
      ['created', 'ana'],
    ]);
    const [cancelled, updated, createdEntry] = entries;
    expect(createdEntry).toMatchObject({
      organisationId: HOME_ORG,
      actorRoles: ['coordinator'],
      entityType: 'program',
      entityId: id,
      correlationId: 'audit-create',
      changes: { title: { to: 'Digital government: a ministerial delegation' }, status: { to: 'draft' } },
    });
    expect(createdEntry.changedFields).toEqual(expect.arrayContaining(['title', 'kind', 'theme', 'startDate', 'endDate', 'status']));
    expect(updated).toMatchObject({
      changedFields: ['title', 'objectives'],
      changes: { title: { from: 'Digital government: a ministerial delegation', to: 'Digital government' }, objectives: { from: [], to: ['See e-voting'] } },
    });
    expect(cancelled).toMatchObject({
      actorRoles: ['platform-admin'],
      changedFields: ['status', 'statusReason'],
      changes: { status: { from: 'draft', to: 'cancelled' }, statusReason: { from: null, to: 'Visa delays' } },
    });
    expect(Date.parse(createdEntry.occurredAt)).toBeLessThanOrEqual(Date.parse(cancelled.occurredAt));
  });

  it('records participants added, changed and removed, naming private fields without ever keeping their values', async () => {
    const programId = await newProgram(sut.http());
    const added = await sut
      .http()
      .post(`/programs/${programId}/participants`)
      .send(participantBody({ email: EMAIL, phone: PHONE, gender: 'female', dietaryNotes: DIETARY, accessibilityNotes: ACCESSIBILITY, notificationChannels: ['email', 'sms'] }))
      .expect(201);
    const id = added.body.id as string;
    await sut.http().patch(`/programs/${programId}/participants/${id}`).set('If-Match', '1').send({ title: 'Cabinet Secretary', dietaryNotes: DIETARY_LATER }).expect(200);
    // Private fields alone: no event goes out, but the change is still history.
    await sut.http().patch(`/programs/${programId}/participants/${id}`).set('If-Match', '2').send({ gender: 'prefer-not-to-say' }).expect(200);
    await sut.http().delete(`/programs/${programId}/participants/${id}`).expect(204);

    const entries = await auditOf(id);
    expect(entries.map((e) => [e.action, e.changedFields])).toEqual([
      ['deleted', expect.arrayContaining(['programId', 'name', 'email', 'phone', 'gender', 'dietaryNotes', 'accessibilityNotes'])],
      ['updated', ['gender']],
      ['updated', ['title', 'dietaryNotes']],
      ['created', expect.arrayContaining(['programId', 'name', 'email', 'phone', 'gender', 'dietaryNotes', 'accessibilityNotes'])],
    ]);
    expect(entries[2].changes).toEqual({ title: { from: null, to: 'Cabinet Secretary' } });
    expect(entries[3].changes).toMatchObject({ programId: { to: programId }, name: { to: 'Amina Mwangi' } });
    for (const entry of entries) expect(Object.keys(entry.changes)).not.toEqual(expect.arrayContaining(['email']));

    const served = JSON.stringify(entries);
    const stored = JSON.stringify(await sut.dataSource.query('SELECT * FROM audit_log WHERE entity_id = $1', [id]));
    for (const value of PRIVATE_VALUES) {
      expect(served).not.toContain(value);
      expect(stored).not.toContain(value);
    }
  });

  it('commits an entry with its change or not at all: a write that fails at commit leaves no audit row', async () => {
    // Refuses, at commit time, any program titled "Doomed": the update, its event and its audit entry have all been written by then.
    await sut.dataSource.query(`
      CREATE OR REPLACE FUNCTION refuse_doomed_programs() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.title = 'Doomed' THEN RAISE EXCEPTION 'doomed program refused at commit'; END IF; RETURN NULL; END $$`);
    await sut.dataSource.query(`
      CREATE CONSTRAINT TRIGGER refuse_doomed_programs AFTER INSERT OR UPDATE ON programs
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_doomed_programs()`);
    try {
      const id = await newProgram(sut.http());
      const before = { audit: await sut.count('audit_log'), outbox: await sut.count('outbox'), programs: await sut.count('programs') };

      await sut.http().patch(`/programs/${id}`).set('If-Match', '1').send({ title: 'Doomed' }).expect(500);
      await sut.http().post('/programs').send(programBody({ title: 'Doomed' })).expect(500);

      expect({ audit: await sut.count('audit_log'), outbox: await sut.count('outbox'), programs: await sut.count('programs') }).toEqual(before);
      expect((await auditOf(id)).map((e) => e.action)).toEqual(['created']);
      expect((await sut.http().get(`/programs/${id}`).expect(200)).body).toMatchObject({ title: programBody().title, version: 1 });
    } finally {
      await sut.dataSource.query('DROP TRIGGER refuse_doomed_programs ON programs');
      await sut.dataSource.query('DROP FUNCTION refuse_doomed_programs()');
    }
  });

  it('refuses to record outside a transaction', async () => {
    const trail = sut.service.app.get(AuditTrail);
    await expect(
      TenantContext.runAsSystem(() => trail.record(sut.dataSource.manager, { organisationId: HOME_ORG, entityType: 'program', entityId: randomUUID(), action: 'created' })),
    ).rejects.toThrow(/inside the transaction/);
  });

  it('is append-only and always names its organisation, enforced by Postgres', async () => {
    const id = await newProgram(sut.http());
    const [row] = await sut.dataSource.query('SELECT id FROM audit_log WHERE entity_id = $1', [id]);
    await expect(sut.dataSource.query(`UPDATE audit_log SET actor = 'someone-else' WHERE id = $1`, [row.id])).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(sut.dataSource.query('DELETE FROM audit_log WHERE id = $1', [row.id])).rejects.toThrow(/append-only: DELETE refused/);
    await expect(sut.dataSource.query('TRUNCATE audit_log')).rejects.toThrow(/append-only: TRUNCATE refused/);
    await expect(
      sut.dataSource.query(`INSERT INTO audit_log (organisation_id, actor, entity_type, entity_id, action) VALUES (NULL, 'x', 'program', 'p', 'created')`),
    ).rejects.toThrow(/null value in column "organisation_id"/);
    expect((await auditOf(id)).map((e) => e.actor)).toEqual(['ana']);
  });

  it('shows each organisation only its own entries; a platform admin sees every organisation’s; viewers none', async () => {
    const homeProgram = await newProgram(sut.http());
    const otherProgram = await newProgram(sut.http(tokens.otherCoordinator));
    expect(await auditOf(homeProgram, tokens.otherCoordinator)).toEqual([]);
    expect((await auditOf(otherProgram, tokens.otherCoordinator)).map((e) => e.organisationId)).toEqual([OTHER_ORG]);
    const everything = (await sut.http(tokens.otherCoordinator).get('/audit').query({ limit: 100 }).expect(200)).body.items as Entry[];
    expect(new Set(everything.map((e) => e.organisationId))).toEqual(new Set([OTHER_ORG]));
    expect((await auditOf(homeProgram, tokens.platformAdmin)).map((e) => e.organisationId)).toEqual([HOME_ORG]);
    const refused = await sut.http(tokens.viewer).get('/audit').expect(403);
    expect(refused.body.code).toBe('forbidden');
  });

  it('filters by entity type, actor and time, and pages with a cursor that neither skips nor repeats', async () => {
    const id = await newProgram(sut.http());
    for (const [version, title] of ['One', 'Two', 'Three', 'Four'].entries()) {
      await sut.http().patch(`/programs/${id}`).set('If-Match', String(version + 1)).send({ title }).expect(200);
    }
    const all = await auditOf(id);
    expect(all).toHaveLength(5);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Entry[]; nextCursor: string | null } } = await sut
        .http()
        .get('/audit')
        .query({ entityType: 'program', entityId: id, limit: 2, ...(cursor ? { cursor } : {}) })
        .expect(200);
      seen.push(...page.body.items.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));

    expect((await sut.http().get('/audit').query({ entityType: 'participant', entityId: id }).expect(200)).body.items).toEqual([]);
    expect((await sut.http().get('/audit').query({ entityId: id, actor: 'someone-else' }).expect(200)).body.items).toEqual([]);
    const oldest = all[all.length - 1];
    const sinceSecond = await sut.http().get('/audit').query({ entityId: id, from: all[3].occurredAt }).expect(200);
    expect(sinceSecond.body.items.map((e: Entry) => e.id)).toEqual(all.slice(0, 4).map((e) => e.id));
    const untilSecond = await sut.http().get('/audit').query({ entityId: id, to: all[3].occurredAt }).expect(200);
    expect(untilSecond.body.items.map((e: Entry) => e.id)).toEqual([oldest.id]);
  });

  it.each([
    [{ limit: 0 }, 'limit'],
    [{ limit: 101 }, 'limit'],
    [{ entityType: 'Program!' }, 'entityType'],
    [{ from: 'yesterday' }, 'from'],
    [{ from: '2027-05-01T00:00:00Z', to: '2027-04-01T00:00:00Z' }, 'to'],
    [{ cursor: 'not-a-cursor' }, 'cursor'],
    [{ colour: 'red' }, 'colour'],
  ])('answers the query %p with 400 naming %s', async (query, field) => {
    const response = await sut.http().get('/audit').query(query).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(fieldsOf(response.body)).toContain(field);
  });
});
