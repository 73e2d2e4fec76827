import { randomUUID } from 'node:crypto';
import { ParticipantRemoved } from '@diplomacy/contracts';
import { HOME_ORG, OTHER_ORG, eventually, testTokens as tokens } from '@diplomacy/testing';
import { SchedulingHarness, kc } from './scheduling-harness';

interface Entry {
  organisationId: string;
  actor: string;
  actorRoles: string[];
  entityType: string;
  entityId: string;
  action: string;
  changedFields: string[];
  changes: Record<string, { from?: unknown; to?: unknown }>;
  correlationId: string | null;
}

const item = (overrides: Record<string, unknown> = {}) => ({
  kind: 'workshop-panel',
  title: 'Panel on civic technology',
  startsAt: '2027-03-09T15:00:00Z',
  endsAt: '2027-03-09T16:00:00Z',
  timeZone: kc.timeZone,
  attendees: { wholeDelegation: true },
  ...overrides,
});

describe('scheduling audit trail (real Postgres, real Kafka)', () => {
  let h: SchedulingHarness;

  beforeAll(async () => {
    h = await SchedulingHarness.start('scheduling_audit_test');
  });

  afterAll(async () => {
    await h?.stop();
  });

  const auditOf = async (entityId: string, token: string = tokens.coordinator): Promise<Entry[]> =>
    (await h.http(token).get('/audit').query({ entityId, limit: 100 }).expect(200)).body.items as Entry[];
  const auditRows = async (): Promise<number> => (await h.dataSource.query('SELECT count(*)::int AS n FROM audit_log'))[0].n as number;

  it('records each change to an item with its actor, action and changed fields, newest first', async () => {
    const { programId, participantIds } = await h.newProgram(2);
    const created = await h.http().post(`/programs/${programId}/agenda-items`).set('x-correlation-id', 'audit-schedule').send(item()).expect(201);
    const id = created.body.itemId as string;
    await h.http().post(`/agenda-items/${id}/confirm`).set('If-Match', '"1"').expect(200);
    await h.http(tokens.platformAdmin).post(`/agenda-items/${id}/reschedule`).set('If-Match', '"2"').send({ startsAt: '2027-03-09T17:00:00Z', endsAt: '2027-03-09T18:30:00Z', reason: 'Speaker delayed' }).expect(200);
    await h.http().put(`/agenda-items/${id}/attendees`).set('If-Match', '"3"').send({ wholeDelegation: false, participantIds: [participantIds[0]] }).expect(200);
    await h.http().post(`/agenda-items/${id}/cancel`).set('If-Match', '"4"').send({ reason: 'Council closed for a holiday' }).expect(200);

    const entries = await auditOf(id);
    expect(entries.map((e) => [e.action, e.actor, e.changedFields])).toEqual([
      ['status-changed', 'ana', ['status', 'cancellationReason']],
      ['updated', 'ana', ['wholeDelegation', 'participantIds']],
      ['updated', 'root', ['status', 'startsAt', 'endsAt']],
      ['status-changed', 'ana', ['status']],
      ['created', 'ana', expect.arrayContaining(['title', 'kind', 'status', 'startsAt', 'endsAt', 'timeZone', 'wholeDelegation', 'participantIds'])],
    ]);
    const [cancelled, attendees, rescheduled, confirmed, scheduled] = entries;
    expect(scheduled).toMatchObject({ organisationId: HOME_ORG, entityType: 'agenda-item', entityId: id, actorRoles: ['coordinator'], correlationId: 'audit-schedule' });
    expect(scheduled.changes['title']).toEqual({ to: 'Panel on civic technology' });
    expect(confirmed.changes).toEqual({ status: { from: 'tentative', to: 'confirmed' } });
    expect(rescheduled).toMatchObject({
      actorRoles: ['platform-admin'],
      organisationId: HOME_ORG,
      changes: {
        status: { from: 'confirmed', to: 'tentative' },
        startsAt: { from: '2027-03-09T15:00:00.000Z', to: '2027-03-09T17:00:00.000Z' },
        endsAt: { from: '2027-03-09T16:00:00.000Z', to: '2027-03-09T18:30:00.000Z' },
      },
    });
    expect(attendees.changes['participantIds']).toEqual({ from: [...participantIds].sort(), to: [participantIds[0]] });
    expect(cancelled.changes).toEqual({ status: { from: 'tentative', to: 'cancelled' }, cancellationReason: { from: null, to: 'Council closed for a holiday' } });
  });

  it('records what the service does on its own (a participant leaving) as the system', async () => {
    const { programId, participantIds } = await h.newProgram(2);
    const created = await h.http().post(`/programs/${programId}/agenda-items`).send(item({ startsAt: '2027-03-10T15:00:00Z', endsAt: '2027-03-10T16:00:00Z' })).expect(201);
    const id = created.body.itemId as string;
    await h.publishProgramsEvent(ParticipantRemoved, programId, { programId, participantId: participantIds[1] });
    await eventually(async () => expect((await auditOf(id)).length).toBe(2));
    const [left] = await auditOf(id);
    expect(left).toMatchObject({ action: 'updated', actor: 'system', actorRoles: [], changedFields: ['participantIds'], changes: { participantIds: { from: [...participantIds].sort(), to: [participantIds[0]] } } });
  });

  it('leaves no audit row for a refused write: a conflict (409), a stale If-Match (412), a bad request (400)', async () => {
    const { programId } = await h.newProgram(1);
    await h.http().post(`/programs/${programId}/agenda-items`).send(item()).expect(201);
    const other = await h.http().post(`/programs/${programId}/agenda-items`).send(item({ startsAt: '2027-03-09T18:00:00Z', endsAt: '2027-03-09T19:00:00Z' })).expect(201);
    const id = other.body.itemId as string;
    const before = await auditRows();

    const clash = await h.http().post(`/agenda-items/${id}/reschedule`).set('If-Match', '"1"').send({ startsAt: '2027-03-09T15:30:00Z', endsAt: '2027-03-09T16:30:00Z' }).expect(409);
    expect(clash.body.rule).toBe('participant-double-booked');
    await h.http().post(`/agenda-items/${id}/confirm`).set('If-Match', '"7"').expect(412);
    await h.http().post(`/agenda-items/${id}/cancel`).set('If-Match', '"1"').send({}).expect(400);
    await h.http().post(`/programs/${programId}/agenda-items`).send(item({ title: 'Same hour again' })).expect(409);

    expect(await auditRows()).toBe(before);
    expect((await auditOf(id)).map((e) => e.action)).toEqual(['created']);
  });

  it('commits an entry with its change or not at all: a write refused at commit leaves no audit row', async () => {
    // Refuses, at commit time, any item with a 7-minute buffer: by then the item, its event and its audit entry are all written.
    await h.dataSource.query(`
      CREATE OR REPLACE FUNCTION refuse_seven_minute_buffers() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.travel_buffer_minutes = 7 THEN RAISE EXCEPTION 'seven-minute buffer refused at commit'; END IF; RETURN NULL; END $$`);
    await h.dataSource.query(`
      CREATE CONSTRAINT TRIGGER refuse_seven_minute_buffers AFTER INSERT OR UPDATE ON agenda_items
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_seven_minute_buffers()`);
    try {
      const { programId } = await h.newProgram(1);
      const created = await h.http().post(`/programs/${programId}/agenda-items`).send(item()).expect(201);
      const id = created.body.itemId as string;
      const before = await auditRows();

      await h.http().post(`/agenda-items/${id}/reschedule`).set('If-Match', '"1"').send({ startsAt: '2027-03-09T17:00:00Z', endsAt: '2027-03-09T18:00:00Z', travelBufferMinutes: 7 }).expect(500);

      expect(await auditRows()).toBe(before);
      expect((await h.http().get(`/agenda-items/${id}`).expect(200)).body).toMatchObject({ startsAt: '2027-03-09T15:00:00.000Z', version: 1 });
    } finally {
      await h.dataSource.query('DROP TRIGGER refuse_seven_minute_buffers ON agenda_items');
      await h.dataSource.query('DROP FUNCTION refuse_seven_minute_buffers()');
    }
  });

  it('shows each organisation only its own entries; a viewer gets 403', async () => {
    const { programId } = await h.newProgram(1);
    const home = (await h.http().post(`/programs/${programId}/agenda-items`).send(item()).expect(201)).body.itemId as string;
    const theirs = await h.newProgram(1, undefined, [], { organisationId: OTHER_ORG });
    const away = (await h.http(tokens.otherCoordinator).post(`/programs/${theirs.programId}/agenda-items`).send(item()).expect(201)).body.itemId as string;

    expect(await auditOf(home, tokens.otherCoordinator)).toEqual([]);
    expect(await auditOf(away)).toEqual([]);
    expect((await auditOf(away, tokens.otherCoordinator)).map((e) => [e.organisationId, e.actor])).toEqual([[OTHER_ORG, 'otto']]);
    const everything = (await h.http().get('/audit').query({ limit: 100 }).expect(200)).body.items as Entry[];
    expect(everything.length).toBeGreaterThan(0);
    expect(everything.every((e) => e.organisationId === HOME_ORG)).toBe(true);
    // A platform admin reads every organisation's log.
    expect((await auditOf(away, tokens.platformAdmin)).map((e) => e.organisationId)).toEqual([OTHER_ORG]);
    await h.http(tokens.viewer).get('/audit').expect(403);
  });

  it('records resources and calendar feeds without any private value: no contact e-mail or phone, no feed token or hash', async () => {
    const email = `dana-${randomUUID().slice(0, 8)}@kcpd.example`;
    const phone = '+18165550199';
    const resourceId = await h.resource({ kind: 'organisation', name: 'Kansas City Police Department', timeZone: kc.timeZone, exclusive: false, contact: { name: 'Sgt. Dana Reyes', role: 'Community liaison', email, phone } });
    const { programId, participantIds } = await h.newProgram(1);
    const feed = await h.http().post(`/programs/${programId}/calendar-feeds`).send({ participantId: participantIds[0] }).expect(201);
    const feedId = feed.body.feedId as string;
    const token = new URL(feed.body.url as string).pathname.replace('/calendar/', '').replace(/\.ics$/, '');
    await h.http().delete(`/calendar-feeds/${feedId}`).expect(204);
    await h.http().delete(`/calendar-feeds/${feedId}`).expect(404);

    const [resource] = await auditOf(resourceId);
    expect(resource).toMatchObject({ action: 'created', actor: 'ana', entityType: 'resource', changes: { name: { to: 'Kansas City Police Department' } } });
    expect(resource.changedFields).toEqual(expect.arrayContaining(['kind', 'name', 'timeZone', 'contact', 'exclusive']));
    expect(resource.changes['contact']).toEqual({ to: { name: 'Sgt. Dana Reyes', role: 'Community liaison', email: '[redacted]', phone: '[redacted]' } });
    const feedEntries = await auditOf(feedId);
    expect(feedEntries.map((e) => [e.action, e.entityType, e.changedFields])).toEqual([
      ['status-changed', 'calendar-feed', ['revokedAt']],
      ['created', 'calendar-feed', ['programId', 'participantId']],
    ]);
    expect(feedEntries[1].changes).toEqual({ programId: { to: programId }, participantId: { to: participantIds[0] } });

    const [{ hash }] = await h.dataSource.query(`SELECT encode(token_hash, 'hex') AS hash FROM calendar_feeds WHERE id = $1`, [feedId]);
    const secret = token.split('.').pop() as string;
    const served = JSON.stringify([resource, ...feedEntries]);
    const stored = JSON.stringify(await h.dataSource.query('SELECT * FROM audit_log WHERE entity_id = ANY($1)', [[resourceId, feedId]]));
    for (const value of [email, phone, token, secret, hash]) {
      expect(served).not.toContain(value);
      expect(stored).not.toContain(value);
    }
  });
});
