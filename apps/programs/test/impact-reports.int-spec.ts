import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import {
  AgendaItemCancelled,
  AgendaItemConfirmed,
  AgendaItemRescheduled,
  AgendaItemScheduled,
  DeadLetterTopics,
  EnvelopeHeaders,
  EventCatalog,
  RegistrationCheckedIn,
  Topics,
} from '@diplomacy/contracts';
import type { AgendaItemKind, AgendaItemStateV1, EventDefinition, EventEnvelope, ScheduleChangeV1 } from '@diplomacy/contracts';
import { OutboxWriter } from '@diplomacy/messaging';
import { TopicRecorder, eventually, testKafka } from '@diplomacy/testing';
import { IMPACT_CONSUMER } from '../src/impact/impact-events.consumer';
import { ServiceUnderTest, fieldsOf } from './service-under-test';

const catalog = new EventCatalog();
const scheduling = new OutboxWriter('scheduling', catalog);
const communityEvents = new OutboxWriter('community-events', catalog);

/** Plays scheduling for one program: keeps each item's last state so every change carries a correct before/after and version. */
class ScheduleOf {
  private readonly items = new Map<string, AgendaItemStateV1>();

  constructor(private readonly programId: string) {}

  scheduled(item: { kind: AgendaItemKind; title: string; startsAt: string; endsAt: string; resource: { resourceId: string; name: string } | null }): { itemId: string; envelope: EventEnvelope } {
    const itemId = randomUUID();
    const after: AgendaItemStateV1 = {
      itemId,
      programId: this.programId,
      kind: item.kind,
      title: item.title,
      status: 'tentative',
      startsAt: item.startsAt,
      endsAt: item.endsAt,
      timeZone: 'America/Chicago',
      venue: null,
      resource: item.resource,
      attendees: { wholeDelegation: true, participantIds: [], interpreterIds: [] },
      notes: null,
      travelBufferMinutes: 30,
      outsideProgramDates: false,
      cancellationReason: null,
      version: 1,
    };
    this.items.set(itemId, after);
    return { itemId, envelope: this.envelope(AgendaItemScheduled, null, after, null) };
  }

  confirmed(itemId: string): EventEnvelope {
    return this.change(AgendaItemConfirmed, itemId, { status: 'confirmed' }, null);
  }

  /** As scheduling does: a moved item goes back to tentative until the organisation confirms the new time. */
  rescheduled(itemId: string, startsAt: string, endsAt: string): EventEnvelope {
    return this.change(AgendaItemRescheduled, itemId, { startsAt, endsAt, status: 'tentative' }, 'The board asked for the afternoon');
  }

  cancelled(itemId: string, reason: string): EventEnvelope {
    return this.change(AgendaItemCancelled, itemId, { status: 'cancelled', cancellationReason: reason }, reason);
  }

  private change(definition: EventDefinition<ScheduleChangeV1>, itemId: string, patch: Partial<AgendaItemStateV1>, reason: string | null): EventEnvelope {
    const before = this.items.get(itemId);
    if (!before) throw new Error(`unknown item ${itemId}`);
    const after = { ...before, ...patch, version: before.version + 1 };
    this.items.set(itemId, after);
    return this.envelope(definition, before, after, reason);
  }

  private envelope(definition: EventDefinition<ScheduleChangeV1>, before: AgendaItemStateV1 | null, after: AgendaItemStateV1, reason: string | null): EventEnvelope {
    return scheduling.buildEnvelope({
      definition,
      key: this.programId,
      organisationId: 'kansas-city-council',
      payload: { programId: this.programId, itemId: after.itemId, version: after.version, cause: 'coordinator', reason, before, after, affectedParticipantIds: [], resourceContact: null },
    });
  }
}

function checkIn(communityEventId: string, registrationId: string, partySize: number, programIds: string[]): EventEnvelope {
  return communityEvents.buildEnvelope({
    definition: RegistrationCheckedIn,
    key: communityEventId,
    organisationId: 'kansas-city-council',
    payload: { eventId: communityEventId, registrationId, partySize, programIds, checkedInAt: '2025-03-05T23:10:00Z', method: 'token' },
  });
}

describe('impact reports from the schedule and check-in projections (real Postgres, real Kafka)', () => {
  let sut: ServiceUnderTest;
  let producer: Producer;
  let deadLetters: TopicRecorder;

  // Ids known once the records exist.
  let council: string;
  let police: string;
  let board: string;
  let library: string;
  let partnership: string;
  let programId: string;
  let draftProgramId: string;

  const sent = new Set<string>();

  async function send(...envelopes: EventEnvelope[]): Promise<void> {
    for (const envelope of envelopes) {
      const topic = envelope.type.startsWith('agenda-item.') ? Topics.scheduleChanges : Topics.communityEvents;
      await producer.send({
        topic,
        messages: [{ key: envelope.key, value: JSON.stringify(envelope), headers: { [EnvelopeHeaders.eventId]: envelope.id, [EnvelopeHeaders.eventType]: envelope.type } }],
      });
      sent.add(envelope.id);
    }
  }

  /** Every envelope sent so far has been through the consumer's inbox (applied, or found stale). */
  async function allProcessed(): Promise<void> {
    await eventually(async () => {
      const [row] = await sut.dataSource.query(`SELECT count(*)::int AS n FROM inbox WHERE consumer = $1 AND event_id = ANY($2::uuid[])`, [IMPACT_CONSUMER, [...sent]]);
      if (row.n !== sent.size) throw new Error(`${row.n} of ${sent.size} events processed`);
    }, 60_000);
  }

  const organisation = (body: Record<string, unknown>) =>
    sut
      .http()
      .post('/organisations')
      .send({ managedBy: 'kansas-city-council', address: { city: 'Kansas City', country: 'US' }, timeZone: 'America/Chicago', ...body })
      .expect(201)
      .then((r) => r.body.id as string);

  const person = (name: string, country: string, role: string, gender?: string) => ({ name, country, role, languages: ['en'], ...(gender ? { gender } : {}) });

  beforeAll(async () => {
    sut = await ServiceUnderTest.start('programs_impact_test', {}, { consume: true });
    producer = testKafka('programs-impact-test-producer').producer({ allowAutoTopicCreation: false });
    await producer.connect();
    deadLetters = await TopicRecorder.start([DeadLetterTopics.programs]);

    council = await organisation({ name: 'Kansas City Council for International Visitors', kind: 'host-council' });
    police = await organisation({ name: 'Kansas City Police Department', kind: 'resource-organisation', resourceType: 'police-department' });
    board = await organisation({ name: 'Jackson County Election Board', kind: 'resource-organisation', resourceType: 'election-board' });
    library = await organisation({ name: 'Kansas City Public Library', kind: 'resource-organisation', resourceType: 'library' });
    const association = (name: string, country: string) => organisation({ name, kind: 'sister-city-association', address: { city: name, country } });
    partnership = (
      await sut
        .http()
        .post('/partnerships')
        .send({
          managedBy: 'kansas-city-council',
          usCommunity: { name: 'Kansas City', kind: 'city', state: 'MO' },
          partnerCommunity: { name: 'Arusha', country: 'TZ' },
          establishedOn: '1991-05-12',
          focusAreas: ['municipal-technical'],
          status: 'active',
          usAssociationId: await association('Kansas City Sister Cities', 'US'),
          partnerAssociationId: await association('Arusha Sister Cities', 'TZ'),
        })
        .expect(201)
    ).body.id;

    const program = (title: string) =>
      sut
        .http()
        .post('/programs')
        .send({ organisationId: 'kansas-city-council', title, kind: 'international-visitor', startDate: '2025-03-03', endDate: '2025-03-07' })
        .expect(201)
        .then((r) => r.body.id as string);
    programId = await program('Election integrity: a regional delegation');
    await sut.http().patch(`/programs/${programId}`).set('If-Match', '1').send({ hostOrganisationId: council, partnershipId: partnership }).expect(200);
    for (const to of ['planned', 'confirmed', 'in-progress']) await sut.http().post(`/programs/${programId}/transitions`).send({ to }).expect(200);
    for (const participant of [
      person('Amina Mwangi', 'KE', 'delegation-lead', 'female'),
      person('Otieno Kamau', 'KE', 'delegate', 'male'),
      person('Wanjiru Njeri', 'KE', 'delegate'),
      person('Kofi Mensah', 'GH', 'delegate', 'male'),
      person('Ana Souza', 'BR', 'youth-participant', 'non-binary'),
      person('Lucas Lima', 'BR', 'observer', 'prefer-not-to-say'),
      person('Maria Lopez', 'US', 'interpreter', 'female'),
      person('John Carter', 'US', 'escort', 'self-described'),
    ]) {
      await sut.http().post(`/programs/${programId}/participants`).send(participant).expect(201);
    }

    // A draft on the same partnership, hosted by the same council: the aggregate reports must leave it out.
    draftProgramId = await program('A delegation still being planned');
    await sut.http().patch(`/programs/${draftProgramId}`).set('If-Match', '1').send({ hostOrganisationId: council, partnershipId: partnership }).expect(200);
    await sut.http().post(`/programs/${draftProgramId}/participants`).send(person('Someone Planned', 'FR', 'delegate', 'female')).expect(201);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await deadLetters?.stop();
    await sut?.stop();
  });

  describe('one program whose people, schedule and check-ins are known', () => {
    const BOARD_NAME = '=HYPERLINK("http://evil.example","Election Board")';
    let policeMeetingId: string;
    let boardVisitId: string;

    beforeAll(async () => {
      const schedule = new ScheduleOf(programId);
      const policeMeeting = schedule.scheduled({
        kind: 'resource-meeting',
        title: 'Community policing briefing',
        startsAt: '2025-03-03T15:00:00Z',
        endsAt: '2025-03-03T16:30:00Z',
        resource: { resourceId: police, name: 'KCPD' },
      });
      policeMeetingId = policeMeeting.itemId;
      const policeConfirmed = schedule.confirmed(policeMeeting.itemId);
      const rideAlong = schedule.scheduled({ kind: 'ride-along', title: 'Night patrol', startsAt: '2025-03-06T01:00:00Z', endsAt: '2025-03-06T04:00:00Z', resource: { resourceId: police, name: 'KCPD' } });
      const boardVisit = schedule.scheduled({ kind: 'site-visit', title: 'Ballot counting centre', startsAt: '2025-03-04T15:00:00Z', endsAt: '2025-03-04T17:00:00Z', resource: { resourceId: board, name: BOARD_NAME } });
      boardVisitId = boardVisit.itemId;
      const libraryTalk = schedule.scheduled({ kind: 'resource-meeting', title: 'Civic information session', startsAt: '2025-03-05T15:00:00Z', endsAt: '2025-03-05T16:00:00Z', resource: { resourceId: library, name: 'KC Library' } });
      const libraryConfirmed = schedule.confirmed(libraryTalk.itemId);
      const jazz = schedule.scheduled({ kind: 'cultural-activity', title: 'American Jazz Museum', startsAt: '2025-03-05T23:00:00Z', endsAt: '2025-03-06T01:00:00Z', resource: null });
      const panel = schedule.scheduled({ kind: 'workshop-panel', title: 'Panel never confirmed', startsAt: '2025-03-06T15:00:00Z', endsAt: '2025-03-06T16:00:00Z', resource: { resourceId: library, name: 'KC Library' } });

      // The police meeting's confirmation arrives before its creation: the older copy must not undo it.
      await send(policeConfirmed, policeMeeting.envelope);
      await send(rideAlong.envelope, schedule.confirmed(rideAlong.itemId));
      await send(boardVisit.envelope, schedule.confirmed(boardVisit.itemId));
      await send(libraryTalk.envelope, libraryConfirmed, schedule.cancelled(libraryTalk.itemId, 'Speaker ill'));
      // A late duplicate of the library confirmation (a new copy of an old version) after the cancellation.
      await send({ ...libraryConfirmed, id: randomUUID() });
      await send(jazz.envelope, schedule.confirmed(jazz.itemId), panel.envelope);

      // Two parties at a potluck linked to this program and another; one at an event for another program only.
      const potluck = randomUUID();
      const otherProgram = randomUUID();
      const family = checkIn(potluck, randomUUID(), 3, [programId, otherProgram]);
      await send(family, checkIn(potluck, randomUUID(), 2, [programId]), checkIn(randomUUID(), randomUUID(), 7, [otherProgram]));
      // Redelivered: the same envelope again, and the same registration under a new envelope id.
      await send(family, { ...family, id: randomUUID() });
      await allProcessed();

      // The board visit moves (back to tentative): not held until the board confirms the new time.
      await send(schedule.rescheduled(boardVisit.itemId, '2025-03-05T19:00:00Z', '2025-03-05T21:00:00Z'));
      await allProcessed();
      const moved = await sut.http().get(`/programs/${programId}/impact`).expect(200);
      expect(moved.body.meetings).toMatchObject({ held: 2, organisationsMet: 1 });
      await send(schedule.confirmed(boardVisit.itemId));
      await allProcessed();
    });

    const expectedParticipants = {
      total: 8,
      byCountry: { BR: 2, GH: 1, KE: 3, US: 2 },
      byGender: { female: 2, male: 2, 'non-binary': 1, 'self-described': 1, 'prefer-not-to-say': 1, 'not-stated': 1 },
      byInvolvement: { 'direct-participant': 5, observer: 1, 'support-staff': 2 },
      byRole: { delegate: 3, 'delegation-lead': 1, interpreter: 1, escort: 1, 'youth-participant': 1, observer: 1 },
    };

    it('keeps the latest version of each item, whatever order the changes arrived in', async () => {
      const rows: { item_id: string; status: string; version: number; starts_at: Date }[] = await sut.dataSource.query(
        `SELECT item_id, status, version, starts_at FROM schedule_items WHERE program_id = $1`,
        [programId],
      );
      expect(rows).toHaveLength(6);
      expect(rows.find((r) => r.item_id === policeMeetingId)).toMatchObject({ status: 'confirmed', version: 2 });
      expect(rows.find((r) => r.item_id === boardVisitId)).toMatchObject({ status: 'confirmed', version: 4, starts_at: new Date('2025-03-05T19:00:00Z') });
      expect(rows.filter((r) => r.status === 'cancelled')).toHaveLength(1);
      const [checkIns] = await sut.dataSource.query(`SELECT count(*)::int AS n FROM community_check_ins WHERE program_id = $1`, [programId]);
      expect(checkIns.n).toBe(2);
    });

    it('answers the exact counts as JSON', async () => {
      const response = await sut.http().get(`/programs/${programId}/impact`).expect(200);
      expect(response.headers['content-type']).toContain('application/json');
      expect(response.body).toEqual({
        scope: { kind: 'program', id: programId, organisationId: null },
        asOf: expect.any(String),
        programs: [{ programId, title: 'Election integrity: a regional delegation', kind: 'international-visitor', status: 'in-progress', startDate: '2025-03-03', endDate: '2025-03-07' }],
        participants: expectedParticipants,
        meetings: {
          // Police meeting and ride-along, and the re-confirmed board visit. Not: the cancelled
          // library talk, the never-confirmed panel, the jazz museum (not a meeting).
          held: 3,
          organisationsMet: 2,
          organisations: [
            { resourceId: board, name: BOARD_NAME, meetingsHeld: 1 },
            { resourceId: police, name: 'KCPD', meetingsHeld: 2 },
          ],
        },
        // 3 + 2: the family counted once despite two redeliveries; the other program's party not at all.
        community: { membersReached: 5, checkIns: 2 },
      });
    });

    it('counts only meetings that ended by asOf', async () => {
      const response = await sut.http().get(`/programs/${programId}/impact`).query({ asOf: '2025-03-05T00:00:00Z' }).expect(200);
      expect(response.body.asOf).toBe('2025-03-05T00:00:00.000Z');
      expect(response.body.meetings).toEqual({ held: 1, organisationsMet: 1, organisations: [{ resourceId: police, name: 'KCPD', meetingsHeld: 1 }] });
    });

    it('answers the same counts as CSV, with ?format=csv or Accept: text/csv, formulas neutralised', async () => {
      const byQuery = await sut.http().get(`/programs/${programId}/impact`).query({ format: 'csv' }).expect(200);
      const byAccept = await sut.http().get(`/programs/${programId}/impact`).set('Accept', 'text/csv').expect(200);
      for (const response of [byQuery, byAccept]) {
        expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(response.headers['content-disposition']).toBe(`attachment; filename="impact-program-${programId}.csv"`);
      }
      const rows = byQuery.text.trimEnd().split('\r\n');
      const withoutAsOf = (all: string[]) => all.filter((row) => !row.startsWith('report,as-of,'));
      expect(withoutAsOf(byAccept.text.trimEnd().split('\r\n'))).toEqual(withoutAsOf(rows));
      expect(withoutAsOf(rows)).toEqual([
        'section,item,value',
        'report,scope,program',
        `report,id,${programId}`,
        `program,${programId},Election integrity: a regional delegation`,
        'participants,total,8',
        'participants-by-country,BR,2',
        'participants-by-country,GH,1',
        'participants-by-country,KE,3',
        'participants-by-country,US,2',
        'participants-by-gender,female,2',
        'participants-by-gender,male,2',
        'participants-by-gender,non-binary,1',
        'participants-by-gender,self-described,1',
        'participants-by-gender,prefer-not-to-say,1',
        'participants-by-gender,not-stated,1',
        'participants-by-involvement,direct-participant,5',
        'participants-by-involvement,observer,1',
        'participants-by-involvement,support-staff,2',
        'participants-by-role,delegate,3',
        'participants-by-role,delegation-lead,1',
        'participants-by-role,interpreter,1',
        'participants-by-role,escort,1',
        'participants-by-role,youth-participant,1',
        'participants-by-role,observer,1',
        'meetings,held,3',
        'meetings,organisations-met,2',
        `organisation-met,"'=HYPERLINK(""http://evil.example"",""Election Board"")",1`,
        'organisation-met,KCPD,2',
        'community,members-reached,5',
        'community,check-ins,2',
      ]);
    });

    it('reports the same program through its host, its partnership and its year, leaving the draft out', async () => {
      const organisationReport = await sut.http().get(`/organisations/${council}/impact`).expect(200);
      const partnershipReport = await sut.http().get(`/partnerships/${partnership}/impact`).expect(200);
      const yearReport = await sut.http().get('/impact/years/2025').query({ organisationId: 'kansas-city-council' }).expect(200);
      for (const [report, scope] of [
        [organisationReport, { kind: 'organisation', id: council, organisationId: null }],
        [partnershipReport, { kind: 'partnership', id: partnership, organisationId: null }],
        [yearReport, { kind: 'year', id: '2025', organisationId: 'kansas-city-council' }],
      ] as const) {
        expect(report.body.scope).toEqual(scope);
        expect(report.body.programs.map((p: { programId: string }) => p.programId)).toEqual([programId]);
        expect(report.body.participants).toEqual(expectedParticipants);
        expect(report.body.meetings).toMatchObject({ held: 3, organisationsMet: 2 });
        expect(report.body.community).toEqual({ membersReached: 5, checkIns: 2 });
      }
      const otherYear = await sut.http().get('/impact/years/2024').expect(200);
      expect(otherYear.body).toMatchObject({ programs: [], participants: { total: 0 }, meetings: { held: 0 }, community: { membersReached: 0 } });
      // The draft itself still has its own report.
      const draft = await sut.http().get(`/programs/${draftProgramId}/impact`).expect(200);
      expect(draft.body.participants).toMatchObject({ total: 1, byCountry: { FR: 1 } });
    });

    it("tells an organisation's history: what it hosted and which delegations met it", async () => {
      const hosted = await sut.http().get(`/organisations/${council}/history`).expect(200);
      expect(hosted.body.hosted.map((h: { programId: string; roles: string[] }) => [h.programId, h.roles])).toEqual([
        [programId, ['host']],
        [draftProgramId, ['host']],
      ].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
      expect(hosted.body.met).toEqual([]);

      const met = await sut.http().get(`/organisations/${police}/history`).expect(200);
      expect(met.body).toEqual({
        organisationId: police,
        asOf: expect.any(String),
        hosted: [],
        met: [
          {
            programId,
            title: 'Election integrity: a regional delegation',
            kind: 'international-visitor',
            status: 'in-progress',
            startDate: '2025-03-03',
            endDate: '2025-03-07',
            meetingsHeld: 2,
            firstMeetingAt: '2025-03-03T15:00:00.000Z',
            lastMeetingAt: '2025-03-06T01:00:00.000Z',
          },
        ],
      });
      // The library's only meeting was cancelled: it did not meet the delegation.
      const notMet = await sut.http().get(`/organisations/${library}/history`).expect(200);
      expect(notMet.body.met).toEqual([]);
    });
  });

  describe('bad requests', () => {
    it.each([
      ['a malformed program id', '/programs/42/impact', {}, 'id'],
      ['a malformed organisation id', '/organisations/x/impact', {}, 'id'],
      ['a malformed partnership id', '/partnerships/x/impact', {}, 'id'],
      ['an unknown format', '/impact/years/2025', { format: 'xlsx' }, 'format'],
      ['a date instead of an instant', '/impact/years/2025', { asOf: '2025-12-31' }, 'asOf'],
      ['a year that is not a number', '/impact/years/twenty', {}, 'year'],
      ['a year out of range', '/impact/years/12025', {}, 'year'],
      ['a bad tenant key', '/impact/years/2025', { organisationId: 'Kansas City!' }, 'organisationId'],
      ['an unknown parameter', '/impact/years/2025', { country: 'KE' }, 'country'],
      ['a bad asOf on a history', '/organisations/00000000-0000-4000-8000-000000000000/history', { asOf: 'yesterday' }, 'asOf'],
    ])('answers %s with 400 problem+json naming the field', async (_case, path, query, field) => {
      const response = await sut.http().get(path).query(query).expect(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(fieldsOf(response.body)).toContain(field);
    });

    it.each(['/programs', '/organisations', '/partnerships'])('answers an unknown %s/{id}/impact with 404', async (base) => {
      await sut.http().get(`${base}/${randomUUID()}/impact`).expect(404).expect('content-type', /problem\+json/);
    });

    it('answers the history of an unknown organisation with 404', async () => {
      await sut.http().get(`/organisations/${randomUUID()}/history`).expect(404).expect('content-type', /problem\+json/);
    });
  });

  describe('poison messages', () => {
    it.each([
      [Topics.scheduleChanges, 'malformed-json'],
      [Topics.communityEvents, 'invalid-payload'],
    ])('dead-letters a bad message on %s to programs.dead-letter and processes the next good one', async (topic, reason) => {
      const key = randomUUID();
      const bad =
        topic === Topics.scheduleChanges
          ? '{"id": "not even JSON'
          : JSON.stringify({ ...checkIn(key, randomUUID(), 1, [key]), payload: { eventId: key, registrationId: randomUUID(), partySize: 0, programIds: [key], checkedInAt: 'now', method: 'token' } });
      await producer.send({ topic, messages: [{ key, value: bad }] });
      // Same key, so the same partition, after the bad one: it is only reached if the partition moved on.
      const good =
        topic === Topics.scheduleChanges
          ? new ScheduleOf(key).scheduled({ kind: 'resource-meeting', title: 'After the poison', startsAt: '2025-03-03T15:00:00Z', endsAt: '2025-03-03T16:00:00Z', resource: null }).envelope
          : checkIn(key, randomUUID(), 4, [key]);
      await send(good);

      const dead = await deadLetters.waitFor((all) => all.some((m) => m.key === key), 60_000);
      const letter = dead.find((m) => m.key === key)!;
      expect(letter.value).toBe(bad);
      expect(letter.headers).toMatchObject({ 'dlt-reason': reason, 'dlt-original-topic': topic, 'dlt-consumer-group': sut.consumerGroup });
      await allProcessed();
      const table = topic === Topics.scheduleChanges ? 'schedule_items' : 'community_check_ins';
      const [row] = await sut.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE program_id = $1`, [key]);
      expect(row.n).toBe(1);
    });
  });
});
