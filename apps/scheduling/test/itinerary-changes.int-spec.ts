import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { ParticipantRemoved, ProgramStatusChanged, ProgramUpdated } from '@diplomacy/contracts';
import { eventually } from '@diplomacy/testing';
import { SchedulingHarness, kc } from './scheduling-harness';

const item = (overrides: Record<string, unknown> = {}) => ({
  kind: 'workshop-panel',
  title: 'Regional planning council',
  startsAt: '2027-03-16T15:00:00Z',
  endsAt: '2027-03-16T16:00:00Z',
  timeZone: kc.timeZone,
  attendees: { wholeDelegation: true },
  ...overrides,
});

describe('itinerary changes, reactions, views and feeds (real Postgres, real Kafka)', () => {
  let h: SchedulingHarness;
  let venue: string;

  beforeAll(async () => {
    h = await SchedulingHarness.start('scheduling_changes_test');
    venue = await h.resource({ kind: 'venue', name: 'Mid-America Regional Council', timeZone: kc.timeZone, exclusive: true, address: kc.address, contact: { name: 'Lee Park', role: 'Planner' } });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('reschedules, changes attendees, confirms and cancels with If-Match, publishing each change in order with before and after', async () => {
    const { programId, participantIds } = await h.newProgram(3);
    const created = await h.http().post(`/programs/${programId}/agenda-items`).send(item({ venueId: venue })).expect(201);
    const id = created.body.itemId as string;

    await h.http().post(`/agenda-items/${id}/confirm`).expect(428).expect('content-type', /problem\+json/);
    const bad = await h.http().post(`/agenda-items/${id}/confirm`).set('If-Match', 'yesterday').expect(400);
    expect(bad.body.errors[0].field).toBe('If-Match');
    const confirmed = await h.http().post(`/agenda-items/${id}/confirm`).set('If-Match', '"1"').expect(200);
    expect(confirmed.headers['etag']).toBe('"2"');
    const stale = await h.http().post(`/agenda-items/${id}/confirm`).set('If-Match', '"1"').expect(412);
    expect(stale.body).toMatchObject({ code: 'stale-version', currentVersion: 2 });

    const moved = await h.http().post(`/agenda-items/${id}/reschedule`).set('If-Match', '"2"').send({ startsAt: '2027-03-16T17:00:00Z', endsAt: '2027-03-16T18:00:00Z', reason: 'Speaker delayed' }).expect(200);
    expect(moved.body).toMatchObject({ status: 'tentative', version: 3, localStart: '2027-03-16T12:00:00.000-05:00' });
    const fewer = await h.http().put(`/agenda-items/${id}/attendees`).set('If-Match', '"3"').send({ wholeDelegation: false, participantIds: [participantIds[0]] }).expect(200);
    expect(fewer.body.attendees.participantIds).toEqual([participantIds[0]]);
    await h.http().post(`/agenda-items/${id}/cancel`).set('If-Match', '"4"').send({}).expect(400);
    const cancelled = await h.http().post(`/agenda-items/${id}/cancel`).set('If-Match', '"4"').send({ reason: 'Council closed for a holiday' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancellationReason: 'Council closed for a holiday', version: 5 });
    await h.http().post(`/agenda-items/${id}/confirm`).set('If-Match', '"5"').expect(409);

    // The cancelled slot of the limited venue is free again.
    const other = await h.newProgram(1);
    await h.http().post(`/programs/${other.programId}/agenda-items`).send(item({ venueId: venue, startsAt: '2027-03-16T17:00:00Z', endsAt: '2027-03-16T18:00:00Z' })).expect(201);

    await h.recorder.waitFor(() => h.changesOf(id).length === 5);
    const changes = h.changesOf(id);
    expect(changes.map((c) => c.envelope.type)).toEqual(['agenda-item.scheduled', 'agenda-item.confirmed', 'agenda-item.rescheduled', 'agenda-item.attendees-changed', 'agenda-item.cancelled']);
    expect(changes.map((c) => c.envelope.payload.version)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(changes.map((c) => `${c.message.partition}/${c.message.key}`)).size).toBe(1);
    const offsets = changes.map((c) => BigInt(c.message.offset));
    expect([...offsets].sort((a, b) => (a < b ? -1 : 1))).toEqual(offsets);
    const rescheduled = changes[2].envelope.payload;
    expect(rescheduled.before).toMatchObject({ startsAt: '2027-03-16T15:00:00.000Z', status: 'confirmed', version: 2 });
    expect(rescheduled.after).toMatchObject({ startsAt: '2027-03-16T17:00:00.000Z', status: 'tentative', version: 3 });
    expect(rescheduled.reason).toBe('Speaker delayed');
    expect(rescheduled.resourceContact).toMatchObject({ name: 'Lee Park' });
    const attendeesChanged = changes[3].envelope.payload;
    expect(attendeesChanged.affectedParticipantIds).toEqual([...participantIds].sort());
    expect(attendeesChanged.after.attendees.participantIds).toEqual([participantIds[0]]);
  });

  it('reacts to programs events: removed participants leave future items, new ones join whole-delegation items, new dates flag items, cancellation cancels', async () => {
    const { programId, participantIds } = await h.newProgram(2);
    const whole = await h.http().post(`/programs/${programId}/agenda-items`).send(item({ title: 'Welcome', startsAt: '2027-03-17T15:00:00Z', endsAt: '2027-03-17T16:00:00Z' })).expect(201);
    const named = await h
      .http()
      .post(`/programs/${programId}/agenda-items`)
      .send(item({ title: 'Ride-along', kind: 'ride-along', startsAt: '2027-03-18T15:00:00Z', endsAt: '2027-03-18T16:00:00Z', attendees: { wholeDelegation: false, participantIds } }))
      .expect(201);

    await h.publishProgramsEvent(ParticipantRemoved, programId, { programId, participantId: participantIds[1] });
    await eventually(async () => {
      const got = await h.http().get(`/agenda-items/${named.body.itemId}`).expect(200);
      expect(got.body.attendees.participantIds).toEqual([participantIds[0]]);
    });
    const removedWhole = await h.http().get(`/agenda-items/${whole.body.itemId}`).expect(200);
    expect(removedWhole.body.attendees.participantIds).toEqual([participantIds[0]]);

    const newcomer = randomUUID();
    await h.addParticipant(programId, newcomer);
    await eventually(async () => {
      const got = await h.http().get(`/agenda-items/${whole.body.itemId}`).expect(200);
      expect(got.body.attendees.participantIds).toEqual([participantIds[0], newcomer].sort());
    });
    expect((await h.http().get(`/agenda-items/${named.body.itemId}`).expect(200)).body.attendees.participantIds).toEqual([participantIds[0]]);

    await h.publishProgramsEvent(ProgramUpdated, programId, { programId, version: 2, changedFields: ['endDate'], changes: { endDate: '2027-03-17' } });
    await eventually(async () => {
      expect((await h.http().get(`/agenda-items/${named.body.itemId}`).expect(200)).body.outsideProgramDates).toBe(true);
    });
    expect((await h.http().get(`/agenda-items/${whole.body.itemId}`).expect(200)).body.outsideProgramDates).toBe(false);

    await h.publishProgramsEvent(ProgramStatusChanged, programId, { programId, from: 'planned', to: 'cancelled', reason: 'Visa refusals', version: 3 });
    await eventually(async () => {
      const got = await h.http().get(`/agenda-items/${whole.body.itemId}`).expect(200);
      expect(got.body).toMatchObject({ status: 'cancelled', cancellationReason: 'Program cancelled: Visa refusals' });
    });
    await h.http().post(`/programs/${programId}/agenda-items`).send(item({ startsAt: '2027-03-19T15:00:00Z', endsAt: '2027-03-19T16:00:00Z' })).expect(409);

    await h.recorder.waitFor(() => h.changesOf(whole.body.itemId).length === 4);
    expect(h.changesOf(whole.body.itemId).map((c) => `${c.envelope.type}:${c.envelope.payload.cause}`)).toEqual([
      'agenda-item.scheduled:coordinator',
      'agenda-item.attendees-changed:participant-removed',
      'agenda-item.attendees-changed:participant-added',
      'agenda-item.cancelled:program-cancelled',
    ]);
    const removal = h.changesOf(named.body.itemId)[1].envelope;
    expect(removal.payload.affectedParticipantIds).toContain(participantIds[1]);
    expect(removal.causationId).not.toBeNull();
  });

  it('shows a day-by-day itinerary by local date across spring-forward, fall-back and two zones, for the program and one participant', async () => {
    const { programId, participantIds } = await h.newProgram(2, { startDate: '2027-03-12', endDate: '2027-11-08' });
    const post = (body: Record<string, unknown>) => h.http().post(`/programs/${programId}/agenda-items`).send(item({ kind: 'workshop-panel', ...body })).expect(201);
    await post({ title: 'Before the change', startsAt: '2027-03-13T15:00:00Z', endsAt: '2027-03-13T16:00:00Z' });
    await post({ title: 'After the change', startsAt: '2027-03-14T14:00:00Z', endsAt: '2027-03-14T15:00:00Z' });
    await post({ title: 'Dinner in LA', timeZone: 'America/Los_Angeles', startsAt: '2027-03-15T03:00:00Z', endsAt: '2027-03-15T04:30:00Z' });
    await post({ title: 'First 01:30', startsAt: '2027-11-07T06:30:00Z', endsAt: '2027-11-07T06:45:00Z', attendees: { wholeDelegation: false, participantIds: [participantIds[0]] } });
    await post({ title: 'Second 01:30', startsAt: '2027-11-07T07:30:00Z', endsAt: '2027-11-07T07:45:00Z', attendees: { wholeDelegation: false, participantIds: [participantIds[1]] } });

    const view = await h.http().get(`/programs/${programId}/itinerary`).expect(200);
    const days = view.body.days.map((d: { date: string; entries: { item: { title: string }; localStartTime: string; utcOffset: string }[] }) => [
      d.date,
      d.entries.map((e) => `${e.item.title} ${e.localStartTime} ${e.utcOffset}`),
    ]);
    expect(days).toEqual([
      ['2027-03-13', ['Before the change 09:00 -06:00']],
      ['2027-03-14', ['After the change 09:00 -05:00', 'Dinner in LA 20:00 -07:00']],
      ['2027-11-07', ['First 01:30 01:30 -05:00', 'Second 01:30 01:30 -06:00']],
    ]);
    expect(view.body.days[1].timeZones).toEqual(['America/Chicago', 'America/Los_Angeles']);

    const mine = await h.http().get(`/programs/${programId}/participants/${participantIds[1]}/itinerary`).expect(200);
    expect(mine.body.days.flatMap((d: { entries: { item: { title: string } }[] }) => d.entries.map((e) => e.item.title))).toEqual([
      'Before the change',
      'After the change',
      'Dinner in LA',
      'Second 01:30',
    ]);
  });

  it('serves a revocable iCalendar feed that an independent parser reads back with the right instants, UIDs, SEQUENCE and STATUS', async () => {
    const { programId, participantIds } = await h.newProgram(1);
    const a = await h.http().post(`/programs/${programId}/agenda-items`).send(item({ title: 'Spring-forward Monday', startsAt: '2027-03-15T14:00:00Z', endsAt: '2027-03-15T15:00:00Z' })).expect(201);
    const b = await h.http().post(`/programs/${programId}/agenda-items`).send(item({ title: 'Friday before', startsAt: '2027-03-12T15:00:00Z', endsAt: '2027-03-12T16:00:00Z' })).expect(201);
    await h.http().post(`/agenda-items/${b.body.itemId}/cancel`).set('If-Match', '"1"').send({ reason: 'Storm warning' }).expect(200);

    const feed = await h.http().post(`/programs/${programId}/calendar-feeds`).send({ participantId: participantIds[0] }).expect(201);
    const path = new URL(feed.body.url).pathname;
    const response = await h.http().get(path).expect(200).expect('content-type', /text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(response.text));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const events = new Map(calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)).map((e) => [e.uid, e]));
    const monday = events.get(`${a.body.itemId}@scheduling.citizen-diplomacy.example`)!;
    expect(monday.startDate.toJSDate().toISOString()).toBe('2027-03-15T14:00:00.000Z');
    expect(monday.startDate.zone?.tzid).toBe('America/Chicago');
    expect(monday.sequence).toBe(1);
    const friday = events.get(`${b.body.itemId}@scheduling.citizen-diplomacy.example`)!;
    expect(friday.startDate.toJSDate().toISOString()).toBe('2027-03-12T15:00:00.000Z');
    expect(friday.sequence).toBe(2);
    expect(friday.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    ICAL.TimezoneService.reset();

    const wrongSecret = path.replace(/\.[A-Za-z0-9_-]{43}\.ics$/, `.${'A'.repeat(43)}.ics`);
    await h.http().get(wrongSecret).expect(404);
    await h.http().delete(`/calendar-feeds/${feed.body.feedId}`).expect(204);
    await h.http().get(path).expect(404);
    const stored = await h.dataSource.query(`SELECT token_hash FROM calendar_feeds WHERE id = $1`, [feed.body.feedId]);
    expect(stored[0].token_hash.toString('utf8')).not.toContain(path.split('.')[1]);
  });

  it('describes every route in its OpenAPI document', () => {
    expect(Object.keys(h.service.openApi.paths).sort()).toEqual([
      '/agenda-items/{itemId}',
      '/agenda-items/{itemId}/attendees',
      '/agenda-items/{itemId}/cancel',
      '/agenda-items/{itemId}/confirm',
      '/agenda-items/{itemId}/reschedule',
      '/audit',
      '/calendar-feeds/{feedId}',
      '/calendar/{token}',
      '/health/live',
      '/health/ready',
      '/programs/{programId}/agenda-items',
      '/programs/{programId}/calendar-feeds',
      '/programs/{programId}/itinerary',
      '/programs/{programId}/itinerary.pdf',
      '/programs/{programId}/participants/{participantId}/itinerary',
      '/programs/{programId}/participants/{participantId}/itinerary.pdf',
      '/resources',
      '/resources/{resourceId}',
      '/resources/{resourceId}/agenda-items',
    ]);
  });
});
