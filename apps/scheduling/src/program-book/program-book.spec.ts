import type { AgendaItemStateV1 } from '@diplomacy/contracts';
import { pdfText } from '../../test/pdf-text';
import type { BookingConflict } from '../itinerary/agenda-item.entity';
import { DayByDayItinerary } from '../itinerary/day-by-day-itinerary';
import { ProgramBook, TravelEstimate, formatAddress, formatContact } from './program-book';
import type { PlaceDetails, ProgramBookInput } from './program-book';
import { renderProgramBookPdf, travelLine } from './program-book.pdf';

const CITY_HALL = '11111111-1111-4111-8111-111111111111';
const POLICE = '22222222-2222-4222-8222-222222222222';
const ST_LOUIS = '33333333-3333-4333-8333-333333333333';
const ANA = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';

const item = (overrides: Partial<AgendaItemStateV1>): AgendaItemStateV1 => ({
  itemId: '00000000-0000-4000-8000-000000000001',
  programId: '99999999-9999-4999-8999-999999999999',
  kind: 'resource-meeting',
  title: 'Meeting',
  status: 'confirmed',
  startsAt: '2027-03-09T15:00:00.000Z',
  endsAt: '2027-03-09T16:00:00.000Z',
  timeZone: 'America/Chicago',
  venue: null,
  resource: null,
  attendees: { wholeDelegation: true, participantIds: [ANA], interpreterIds: [] },
  notes: null,
  travelBufferMinutes: 30,
  outsideProgramDates: false,
  cancellationReason: null,
  version: 1,
  ...overrides,
});

const venue = (venueId: string, name: string) => ({ venueId, name, address: null, capacity: null });

const places = new Map<string, PlaceDetails>([
  [CITY_HALL, { address: { line1: '414 E 12th St', city: 'Kansas City', region: 'MO', postalCode: '64106', country: 'US' }, streetAddress: null, contact: { name: 'Lee Park', role: 'Protocol officer', email: 'lee.park@kcmo.example', phone: '+1 816 555 0101' } }],
  [POLICE, { address: { line1: '1125 Locust St', city: 'Kansas City', region: 'MO', postalCode: '64106', country: 'US' }, streetAddress: null, contact: { name: 'Sgt. Dana Reyes', role: null, email: null, phone: '+1 816 555 0100' } }],
  [ST_LOUIS, { address: { line1: '1200 Market St', city: 'St. Louis', region: 'MO', postalCode: null, country: 'US' }, streetAddress: null, contact: null }],
]);

const morning = item({ itemId: '00000000-0000-4000-8000-00000000000a', title: 'Welcome at City Hall', venue: venue(CITY_HALL, 'City Hall'), startsAt: '2027-03-09T15:00:00.000Z', endsAt: '2027-03-09T16:00:00.000Z', travelBufferMinutes: 20 });
const police = item({ itemId: '00000000-0000-4000-8000-00000000000b', title: 'Community policing briefing', venue: venue(POLICE, 'Police HQ'), startsAt: '2027-03-09T16:45:00.000Z', endsAt: '2027-03-09T18:00:00.000Z', travelBufferMinutes: 40 });

describe('TravelEstimate', () => {
  it('estimates the larger of the two buffers between different venues and reports the free gap', () => {
    expect(TravelEstimate.between(morning, police, places)).toEqual({ fromVenue: 'City Hall', toVenue: 'Police HQ', estimateMinutes: 40, gapMinutes: 45, tight: false, differentCity: false });
  });

  it('says nothing for the same venue or an item without a venue, flags a short gap and a change of city', () => {
    expect(TravelEstimate.between(morning, { ...police, venue: venue(CITY_HALL, 'City Hall') }, places)).toBeNull();
    expect(TravelEstimate.between(morning, { ...police, venue: null, kind: 'travel-leg' }, places)).toBeNull();
    const rushed = TravelEstimate.between(morning, { ...police, startsAt: '2027-03-09T16:10:00.000Z' }, places);
    expect(rushed).toMatchObject({ gapMinutes: 10, tight: true });
    expect(TravelEstimate.between(morning, { ...police, venue: venue(ST_LOUIS, 'Old Courthouse') }, places)?.differentCity).toBe(true);
  });
});

describe('ProgramBook', () => {
  const input = (overrides: Partial<ProgramBookInput> = {}): ProgramBookInput => ({
    programTitle: 'Digital government: a ministerial delegation',
    startDate: '2027-03-08',
    endDate: '2027-03-11',
    participantName: null,
    days: DayByDayItinerary.build([police, morning]),
    places,
    people: new Map([[ANA, 'Ana Njeri']]),
    bookingConflicts: new Map(),
    generatedAt: new Date('2027-03-01T12:00:00Z'),
    ...overrides,
  });

  it('lays out each local day with times in the item\'s zone, addresses, contacts and travel before an item at another venue', () => {
    const book = ProgramBook.build(input());
    expect(book.subtitle).toBe('Program itinerary · 8 March 2027 – 11 March 2027');
    expect(book.days.map((d) => d.heading)).toEqual(['Tuesday 9 March 2027']);
    const [first, second] = book.days[0].entries;
    expect(first).toMatchObject({ time: '09:00–10:00 CST', title: 'Welcome at City Hall', address: '414 E 12th St, Kansas City, MO 64106, US', contact: 'Lee Park (Protocol officer) · +1 816 555 0101 · lee.park@kcmo.example', travelBefore: null });
    expect(first.attendees).toBe('Whole delegation (1)');
    expect(second.travelBefore).toMatchObject({ estimateMinutes: 40, gapMinutes: 45 });
    expect(second.contact).toBe('Sgt. Dana Reyes · +1 816 555 0100');
  });

  it('names the participant, shows small attendee lists by name and marks items recorded without a booking', () => {
    const conflict: BookingConflict = { rule: 'participant-double-booked', message: 'overlap', conflictingItemId: morning.itemId, participantId: ANA, resourceId: null };
    const named = { ...police, attendees: { wholeDelegation: false, participantIds: [ANA], interpreterIds: [] } };
    const book = ProgramBook.build(input({ participantName: 'Ana Njeri', days: DayByDayItinerary.build([named]), bookingConflicts: new Map([[police.itemId, conflict]]) }));
    expect(book.subtitle).toMatch(/^Itinerary for Ana Njeri/);
    expect(book.days[0].entries[0]).toMatchObject({ attendees: 'Ana Njeri', unbooked: `Not booked yet: participant-double-booked with item ${morning.itemId}` });
  });

  it('formats free-text and missing addresses and contacts', () => {
    expect(formatAddress({ address: null, streetAddress: '2100 Summit St, Kansas City, MO', contact: null })).toBe('2100 Summit St, Kansas City, MO');
    expect(formatAddress(undefined)).toBeNull();
    expect(formatContact(null)).toBeNull();
  });
});

describe('renderProgramBookPdf', () => {
  it('writes a PDF whose text reads back: days, times, addresses, contacts and the travel estimate', async () => {
    const book = ProgramBook.build({
      programTitle: 'Digital government: a ministerial delegation',
      startDate: '2027-03-08',
      endDate: '2027-03-11',
      participantName: null,
      days: DayByDayItinerary.build([morning, police]),
      places,
      people: new Map(),
      bookingConflicts: new Map(),
      generatedAt: new Date('2027-03-01T12:00:00Z'),
    });
    const pdf = await renderProgramBookPdf(book, { compress: false });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf).join('\n');
    expect(text).toContain('Digital government: a ministerial delegation');
    expect(text).toContain('Tuesday 9 March 2027');
    expect(text).toContain('09:00–10:00 CST  Welcome at City Hall');
    expect(text).toContain('Venue: Police HQ, 1125 Locust St, Kansas City, MO 64106, US');
    expect(text).toContain('Contact: Sgt. Dana Reyes · +1 816 555 0100');
    expect(text).toContain(travelLine({ fromVenue: 'City Hall', toVenue: 'Police HQ', estimateMinutes: 40, gapMinutes: 45, tight: false, differentCity: false }));
    expect(text.indexOf('Welcome at City Hall')).toBeLessThan(text.indexOf('Community policing briefing'));
  });

  it('says so when the itinerary is empty', async () => {
    const pdf = await renderProgramBookPdf(ProgramBook.build({ programTitle: 'Empty', startDate: '2027-03-08', endDate: '2027-03-11', participantName: null, days: [], places, people: new Map(), bookingConflicts: new Map(), generatedAt: new Date() }), { compress: false });
    expect(pdfText(pdf)).toContain('No items on the itinerary yet.');
  });
});
