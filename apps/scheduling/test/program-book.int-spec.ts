import { randomUUID } from 'node:crypto';
import { TenantContext } from '@diplomacy/service-kit';
import { HOME_ORG } from '@diplomacy/testing';
import { ProgramBookService } from '../src/program-book/program-book.service';
import { pdfText } from './pdf-text';
import { SchedulingHarness, kc } from './scheduling-harness';

describe('printable program book (PDF from the current state, real Postgres)', () => {
  let h: SchedulingHarness;

  beforeAll(async () => {
    h = await SchedulingHarness.start('scheduling_program_book_test');
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('serves the program and participant books, with days, addresses, contacts and travel between venues, never stale', async () => {
    const { programId, participantIds } = await h.newProgram(2);
    const cityHall = await h.resource({ kind: 'venue', name: 'City Hall', timeZone: kc.timeZone, exclusive: false, address: { line1: '414 E 12th St', city: 'Kansas City', region: 'MO', postalCode: '64106', country: 'US' }, contact: { name: 'Lee Park', role: 'Protocol officer', phone: '+1 816 555 0101' } });
    const police = await h.resource({ kind: 'organisation', name: 'Kansas City Police Department', timeZone: kc.timeZone, exclusive: false, address: kc.address, contact: { name: 'Sgt. Dana Reyes', phone: '+1 816 555 0100' } });
    const post = (body: Record<string, unknown>) => h.http().post(`/programs/${programId}/agenda-items`).send({ timeZone: kc.timeZone, attendees: { wholeDelegation: true }, ...body }).expect(201);
    await post({ kind: 'workshop-panel', title: 'Welcome at City Hall', venueId: cityHall, startsAt: '2027-03-09T15:00:00Z', endsAt: '2027-03-09T16:00:00Z', travelBufferMinutes: 20 });
    await post({ kind: 'resource-meeting', title: 'Community policing briefing', resourceId: police, venueId: police, startsAt: '2027-03-09T16:45:00Z', endsAt: '2027-03-09T18:00:00Z', travelBufferMinutes: 40 });
    const ride = await post({ kind: 'ride-along', title: 'Evening ride-along', resourceId: police, startsAt: '2027-03-10T23:00:00Z', endsAt: '2027-03-11T02:00:00Z', attendees: { wholeDelegation: false, participantIds: [participantIds[0]] } });

    const response = await h.http().get(`/programs/${programId}/itinerary.pdf`).buffer(true).parse(binary).expect(200).expect('content-type', 'application/pdf');
    const served = response.body as Buffer;
    expect(served.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(served.toString('latin1')).toContain('/FlateDecode');

    // The served (compressed) file, inflated and read back.
    const text = pdfText(served).join('\n');
    expect(text).toContain('Tuesday 9 March 2027');
    expect(text).toContain('09:00–10:00 CST  Welcome at City Hall');
    expect(text).toContain('Venue: City Hall, 414 E 12th St, Kansas City, MO 64106, US');
    expect(text).toContain('Contact: Lee Park (Protocol officer) · +1 816 555 0101');
    expect(text).toContain('With: Kansas City Police Department');
    expect(text).toContain('Contact: Sgt. Dana Reyes · +1 816 555 0100');
    expect(text).toContain('Travel from City Hall to Kansas City Police Department: allow about 40 min (45 min free)');
    expect(text).toContain('Wednesday 10 March 2027');
    expect(text).toContain('17:00–20:00 CST  Evening ride-along');

    // The same service renders uncompressed (what the unit tests read) with the same text,
    // called directly, so within the organisation a request's token would have bound.
    const service = h.service.app.get(ProgramBookService);
    const books = { render: (...args: Parameters<ProgramBookService['render']>) => TenantContext.run({ kind: 'organisation', organisationId: HOME_ORG }, () => service.render(...args)) };
    expect(pdfText(await books.render(programId, null, { compress: false })).filter((l) => !l.startsWith('Generated'))).toEqual(pdfText(served).filter((l) => !l.startsWith('Generated')));

    // One participant's book leaves out what they do not attend; a cancelled item disappears at once.
    const theirs = pdfText(await books.render(programId, participantIds[1], { compress: false })).join('\n');
    expect(theirs).toContain('Itinerary for Visitor');
    expect(theirs).not.toContain('Evening ride-along');
    await h.http().post(`/agenda-items/${ride.body.itemId}/cancel`).set('If-Match', '"1"').send({ reason: 'Shift changed' }).expect(200);
    expect(pdfText(await books.render(programId, null, { compress: false })).join('\n')).not.toContain('Evening ride-along');

    await h.http().get(`/programs/${programId}/participants/${participantIds[1]}/itinerary.pdf`).expect(200).expect('content-type', 'application/pdf');
  });

  it('answers 400 naming a malformed id and 404 for an unknown program or participant', async () => {
    const bad = await h.http().get('/programs/not-a-uuid/itinerary.pdf').expect(400).expect('content-type', /problem\+json/);
    expect(bad.body.errors[0].field).toBe('programId');
    await h.http().get(`/programs/${randomUUID()}/itinerary.pdf`).expect(404).expect('content-type', /problem\+json/);
    const { programId } = await h.newProgram(1);
    const unknown = await h.http().get(`/programs/${programId}/participants/${randomUUID()}/itinerary.pdf`).expect(404);
    expect(unknown.body.code).toBe('participant-not-known');
  });
});

/** supertest parser that keeps a binary body as a Buffer. */
function binary(res: import('supertest').Response, done: (error: Error | null, body: unknown) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
