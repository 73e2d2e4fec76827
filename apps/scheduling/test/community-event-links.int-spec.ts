import { randomUUID } from 'node:crypto';
import { CommunityEventCancelled, CommunityEventPublished, CommunityEventUpdated, ProgramCreated } from '@diplomacy/contracts';
import type { CommunityEventSnapshotV1 } from '@diplomacy/contracts';
import { eventually } from '@diplomacy/testing';
import { SchedulingHarness, kc } from './scheduling-harness';

const potluck = (eventId: string, programIds: string[], overrides: Partial<CommunityEventSnapshotV1> = {}): CommunityEventSnapshotV1 => ({
  eventId,
  organisationId: 'kansas-city-council',
  kind: 'potluck',
  title: 'Westside community potluck',
  description: 'Neighbours and the visiting delegations share a meal.',
  coHostOrganisationIds: ['westside-neighbors'],
  venue: { name: 'Westside Community Center', address: '2100 Summit St, Kansas City, MO 64108' },
  // 17:00–19:00 CDT on 2027-03-16
  startsAt: '2027-03-16T22:00:00Z',
  endsAt: '2027-03-17T00:00:00Z',
  timeZone: kc.timeZone,
  capacity: 60,
  maxPartySize: 4,
  registrationOpensAt: null,
  registrationClosesAt: null,
  visibility: 'public',
  status: 'published',
  programIds,
  version: 1,
  ...overrides,
});

interface ItemBody {
  itemId: string;
  title: string;
  kind: string;
  status: string;
  startsAt: string;
  venue: { venueId: string; name: string } | null;
  attendees: { participantIds: string[] };
  bookingConflict: { rule: string; conflictingItemId: string | null } | null;
  cancellationReason: string | null;
}

describe('community events on itineraries (community-events.events → scheduling, real Postgres, real Kafka)', () => {
  let h: SchedulingHarness;

  beforeAll(async () => {
    h = await SchedulingHarness.start('scheduling_community_events_test');
  });

  afterAll(async () => {
    await h?.stop();
  });

  const communityItems = async (programId: string): Promise<ItemBody[]> =>
    ((await h.http().get(`/programs/${programId}/agenda-items`).expect(200)).body.items as ItemBody[]).filter((i) => i.kind === 'community-event');

  const oneCommunityItem = async (programId: string): Promise<ItemBody> => {
    const found = await communityItems(programId);
    if (found.length !== 1) throw new Error(`program ${programId} has ${found.length} community-event items`);
    return found[0];
  };

  it('puts a linked event on each itinerary (recording a conflicting one unbooked), follows moves and unlinking, and cancels with the reason', async () => {
    const free = await h.newProgram(2);
    const busy = await h.newProgram(2);
    // busy's delegation has a dinner 17:30–19:00 CDT that day: the potluck overlaps it.
    const dinner = await h
      .http()
      .post(`/programs/${busy.programId}/agenda-items`)
      .send({ kind: 'home-hospitality', title: 'Dinner with a host family', startsAt: '2027-03-16T22:30:00Z', endsAt: '2027-03-17T00:00:00Z', timeZone: kc.timeZone, attendees: { wholeDelegation: true } })
      .expect(201);

    const eventId = randomUUID();
    const published = await h.publishCommunityEvent(CommunityEventPublished, eventId, potluck(eventId, [free.programId, busy.programId]));

    // Linked and free: on the itinerary, booked for the whole delegation, confirmed, at the event's venue and times.
    await eventually(async () => expect((await communityItems(free.programId)).length).toBe(1));
    const freeItem = await oneCommunityItem(free.programId);
    expect(freeItem).toMatchObject({ title: 'Westside community potluck', status: 'confirmed', startsAt: '2027-03-16T22:00:00.000Z', bookingConflict: null });
    expect(freeItem.venue?.name).toBe('Westside Community Center');
    expect(freeItem.attendees.participantIds).toEqual([...free.participantIds].sort());
    const day = (await h.http().get(`/programs/${free.programId}/itinerary`).expect(200)).body.days.find((d: { date: string }) => d.date === '2027-03-16');
    expect(day.entries.map((e: { item: { title: string }; localStartTime: string }) => `${e.localStartTime} ${e.item.title}`)).toEqual(['17:00 Westside community potluck']);
    const mine = await h.http().get(`/programs/${free.programId}/participants/${free.participantIds[0]}/itinerary`).expect(200);
    expect(mine.body.days.flatMap((d: { entries: { item: { title: string } }[] }) => d.entries.map((e) => e.item.title))).toEqual(['Westside community potluck']);

    // Linked but conflicting: recorded, tentative, booking nobody, naming the rule and the item in the way.
    await eventually(async () => expect((await communityItems(busy.programId)).length).toBe(1));
    const busyItem = await oneCommunityItem(busy.programId);
    expect(busyItem).toMatchObject({ status: 'tentative', bookingConflict: { rule: 'participant-double-booked', conflictingItemId: dinner.body.itemId } });
    expect(busyItem.attendees.participantIds).toEqual([]);
    const flaggedInView = (await h.http().get(`/programs/${busy.programId}/itinerary`).expect(200)).body.days[0].entries.find((e: { item: ItemBody }) => e.item.kind === 'community-event');
    expect(flaggedInView.item.bookingConflict.rule).toBe('participant-double-booked');
    // The exclusion constraints still hold: nobody is in two overlapping items.
    const [{ overlaps }] = await h.dataSource.query(
      `SELECT count(*)::int AS overlaps FROM agenda_item_attendance a JOIN agenda_item_attendance b
          ON a.participant_id = b.participant_id AND a.item_id < b.item_id AND a.during && b.during
       WHERE a.status <> 'cancelled' AND b.status <> 'cancelled'`,
    );
    expect(overlaps).toBe(0);

    // A redelivered event.published (same envelope id) changes nothing.
    await h.sendCommunityEnvelope(published);

    // v2: the potluck moves to 19:30–21:30 CDT at another hall: both items follow; busy's is now free of the dinner, so it gets booked.
    await h.publishCommunityEvent(CommunityEventUpdated, eventId, {
      ...potluck(eventId, [free.programId, busy.programId], {
        startsAt: '2027-03-17T00:30:00Z',
        endsAt: '2027-03-17T02:30:00Z',
        venue: { name: 'Gregg/Klice Community Center', address: '1600 E 17th Terrace, Kansas City, MO 64108' },
        version: 2,
      }),
      changedFields: ['startsAt', 'endsAt', 'venue'],
      unlinkedProgramIds: [],
    });
    await eventually(async () => expect((await oneCommunityItem(busy.programId)).bookingConflict).toBeNull());
    expect(await oneCommunityItem(busy.programId)).toMatchObject({ status: 'confirmed', startsAt: '2027-03-17T00:30:00.000Z' });
    expect((await oneCommunityItem(busy.programId)).attendees.participantIds).toEqual([...busy.participantIds].sort());
    expect((await oneCommunityItem(free.programId)).venue?.name).toBe('Gregg/Klice Community Center');

    // v3: busy is unlinked; its item is cancelled. v4: capacity only, nothing moves.
    await h.publishCommunityEvent(CommunityEventUpdated, eventId, {
      ...potluck(eventId, [free.programId], { startsAt: '2027-03-17T00:30:00Z', endsAt: '2027-03-17T02:30:00Z', venue: { name: 'Gregg/Klice Community Center', address: '1600 E 17th Terrace, Kansas City, MO 64108' }, version: 3 }),
      changedFields: ['programIds'],
      unlinkedProgramIds: [busy.programId],
    });
    await h.publishCommunityEvent(CommunityEventUpdated, eventId, {
      ...potluck(eventId, [free.programId], { startsAt: '2027-03-17T00:30:00Z', endsAt: '2027-03-17T02:30:00Z', venue: { name: 'Gregg/Klice Community Center', address: '1600 E 17th Terrace, Kansas City, MO 64108' }, capacity: 80, version: 4 }),
      changedFields: ['capacity'],
      unlinkedProgramIds: [],
    });
    await eventually(async () => expect((await oneCommunityItem(busy.programId)).status).toBe('cancelled'));
    expect((await oneCommunityItem(busy.programId)).cancellationReason).toBe('The program was unlinked from community event "Westside community potluck"');

    // v5: the organiser cancels the event.
    await h.publishCommunityEvent(CommunityEventCancelled, eventId, {
      eventId,
      organisationId: 'kansas-city-council',
      title: 'Westside community potluck',
      startsAt: '2027-03-17T00:30:00Z',
      timeZone: kc.timeZone,
      programIds: [free.programId],
      reason: 'Storm warning for the evening',
      activeRegistrations: 12,
      version: 5,
    });
    await eventually(async () => expect((await oneCommunityItem(free.programId)).status).toBe('cancelled'));
    expect((await oneCommunityItem(free.programId)).cancellationReason).toBe('Community event cancelled: Storm warning for the evening');
    expect((await h.http().get(`/programs/${free.programId}/itinerary`).expect(200)).body.days).toEqual([]);

    // The schedule-changes topic tells the story, in order, with before and after, once per change.
    await h.recorder.waitFor(() => h.changesOf(freeItem.itemId).length >= 3 && h.changesOf(busyItem.itemId).length >= 3);
    const freeChanges = h.changesOf(freeItem.itemId).map((c) => c.envelope);
    expect(freeChanges.map((e) => `${e.type} v${e.payload.version} ${e.payload.after.status}`)).toEqual([
      'agenda-item.scheduled v1 confirmed',
      'agenda-item.rescheduled v2 confirmed',
      'agenda-item.cancelled v3 cancelled',
    ]);
    const moved = freeChanges[1].payload;
    expect(moved.before).toMatchObject({ startsAt: '2027-03-16T22:00:00.000Z', venue: { name: 'Westside Community Center' } });
    expect(moved.after).toMatchObject({ startsAt: '2027-03-17T00:30:00.000Z', venue: { name: 'Gregg/Klice Community Center' } });
    expect(moved.after.venue.venueId).not.toBe(moved.before.venue.venueId);
    expect(moved.affectedParticipantIds).toEqual([...free.participantIds].sort());
    expect(moved.reason).toBe('Community event "Westside community potluck" changed (startsAt, endsAt, venue)');
    expect(freeChanges[2].payload).toMatchObject({ reason: 'Community event cancelled: Storm warning for the evening', after: { cancellationReason: 'Community event cancelled: Storm warning for the evening' } });
    expect(freeChanges.every((e) => e.key === free.programId && e.causationId)).toBe(true);
    expect(freeChanges.map((e) => e.payload.cause)).toEqual(['community-event', 'community-event', 'community-event']);

    const busyChanges = h.changesOf(busyItem.itemId).map((c) => c.envelope);
    expect(busyChanges.map((e) => `${e.type} ${e.payload.after.status} ${e.payload.after.attendees.participantIds.length}`)).toEqual([
      'agenda-item.scheduled tentative 0',
      'agenda-item.rescheduled confirmed 2',
      'agenda-item.cancelled cancelled 2',
    ]);
    expect(busyChanges[0].payload.reason).toContain(`participant-double-booked with item ${dinner.body.itemId}`);
  });

  it('waits for a program it has not heard of yet, and puts the event on its itinerary when program.created arrives', async () => {
    const eventId = randomUUID();
    const programId = randomUUID();
    await h.publishCommunityEvent(CommunityEventPublished, eventId, potluck(eventId, [programId], { title: 'Youth summit reception', kind: 'reception' }));
    await eventually(async () => {
      const [row] = await h.dataSource.query(`SELECT state FROM community_event_links WHERE event_id = $1`, [eventId]);
      expect(row?.state).toBe('program-not-known');
    });
    await h.publishProgramsEvent(ProgramCreated, programId, {
      programId,
      organisationId: 'kansas-city-council',
      title: 'Late-announced delegation',
      kind: 'international-visitor',
      status: 'planned',
      theme: null,
      startDate: '2027-03-08',
      endDate: '2027-03-20',
    });
    await eventually(async () => expect((await communityItems(programId)).map((i) => `${i.title} ${i.status}`)).toEqual(['Youth summit reception confirmed']));
  });
});
