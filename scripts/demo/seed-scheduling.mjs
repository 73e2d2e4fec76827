// Demo data for the scheduling service: full itineraries for the demo programs that
// scripts/demo/seed.mjs creates (the digital-government delegation, the 15-country
// law-enforcement group across two time zones, the Arusha youth exchange): venues and
// resource organisations, then agenda items through the public HTTP API, so every
// agenda-item.scheduled travels the schedule-changes topic like a real booking.
//
// Scheduling learns programs and participants from programs.events, so the script waits
// until each program (and its participants) is known there. Idempotent: a program whose
// itinerary already holds items (community events aside) is left alone.
//
// Scheduling's routes need a JWT (docs/security.md): every call sends a development token of a
// coordinator of the demo organisation, minted with scripts/dev/mint-token.mjs (or
// SCHEDULING_TOKEN when set), so the resources and items belong to that organisation. Programs
// gets the same token: a coordinator of the organisation that owns the demo programs.
//
//   node scripts/demo/seed-scheduling.mjs
//   PROGRAMS_URL=http://127.0.0.1:3001 SCHEDULING_URL=http://127.0.0.1:3002 node scripts/demo/seed-scheduling.mjs
import { DateTime } from 'luxon';
import { mintToken } from '../dev/mint-token.mjs';

const PROGRAMS = process.env.PROGRAMS_URL ?? 'http://127.0.0.1:3001';
const SCHEDULING = process.env.SCHEDULING_URL ?? 'http://127.0.0.1:3002';
const WAIT_MS = Number(process.env.SEED_WAIT_MS ?? 60_000);
const KC = 'America/Chicago';
const DC = 'America/New_York';
const DEMO_ORGANISATION_ID = process.env.DEMO_ORGANISATION_ID ?? 'kansas-city-council';
const TOKEN = process.env.SCHEDULING_TOKEN ?? mintToken({ roles: ['coordinator'], org: DEMO_ORGANISATION_ID, sub: 'demo-seed-scheduling' });

async function call(method, url, body, expected = [200, 201]) {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', 'x-correlation-id': 'demo-seed-scheduling', authorization: `Bearer ${TOKEN}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!expected.includes(response.status)) throw new Error(`[demo] ${method} ${url} -> ${response.status} ${text}`);
  return { status: response.status, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null };
}

/** An instant from a local date and time where the item happens (DST-safe: luxon and the tz database). */
const at = (date, time, zone) => DateTime.fromISO(`${date}T${time}`, { zone }).toUTC().toISO();

async function programsByTitle() {
  const found = new Map();
  let cursor = null;
  do {
    const page = (await call('GET', `${PROGRAMS}/programs?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).body;
    for (const program of page.items) if (!found.has(program.title)) found.set(program.title, program);
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

/** Polls until scheduling knows the program and every participant (their program.created / participant.added arrived). */
async function waitUntilKnown(programId, participants) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const program = await call('GET', `${SCHEDULING}/programs/${programId}/itinerary.pdf`, undefined, [200, 404]);
    let missing = program.status === 404 ? 'the program' : null;
    for (const p of missing ? [] : participants) {
      const one = await call('GET', `${SCHEDULING}/programs/${programId}/participants/${p.id}/itinerary.pdf`, undefined, [200, 404]);
      if (one.status === 404) {
        missing = `participant ${p.name}`;
        break;
      }
    }
    if (!missing) return;
    if (Date.now() > deadline) throw new Error(`[demo] scheduling does not know ${missing} of program ${programId} after ${WAIT_MS / 1000} s: is it running and consuming programs.events?`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const resource = async (body) => (await call('POST', `${SCHEDULING}/resources`, body, [201])).body.resourceId;
const kcAddress = (line1, postalCode) => ({ line1, city: 'Kansas City', region: 'MO', postalCode, country: 'US' });

async function seedProgram(program, participants, plan) {
  // Scheduling answers 404 for a program it does not know yet, so the wait comes first.
  await waitUntilKnown(program.id, participants);
  const existing = (await call('GET', `${SCHEDULING}/programs/${program.id}/agenda-items`)).body.items.filter((i) => i.kind !== 'community-event');
  if (existing.length > 0) {
    console.log(`[demo] ${program.title}: itinerary already has ${existing.length} item(s); nothing seeded`);
    return;
  }
  const items = await plan(participants);
  for (const item of items) {
    const response = await call('POST', `${SCHEDULING}/programs/${program.id}/agenda-items`, item, [201, 409]);
    if (response.status === 409) console.warn(`[demo] ${program.title}: "${item.title}" refused: ${response.body?.rule} (${response.body?.detail ?? ''})`);
  }
  console.log(`[demo] ${program.title}: ${items.length} item(s) scheduled -> ${SCHEDULING}/programs/${program.id}/itinerary.pdf`);
}

const whole = { wholeDelegation: true };
const byRole = (participants, ...roles) => participants.filter((p) => roles.includes(p.role)).map((p) => p.id);

/** Venues and organisations in Kansas City, shared by the programs (one set per run of this script). */
async function kansasCityResources() {
  return {
    cityHall: await resource({ kind: 'venue', name: 'Kansas City City Hall, 26th floor council chamber', timeZone: KC, exclusive: true, capacity: 60, address: kcAddress('414 E 12th St', '64106'), contact: { name: 'Marisol Vega', role: 'Protocol officer', email: 'protocol@kcmo.example', phone: '+1 816 555 0110' } }),
    library: await resource({ kind: 'venue', name: 'Kansas City Public Library, Central Branch', timeZone: KC, exclusive: false, capacity: 120, address: kcAddress('14 W 10th St', '64105'), contact: { name: 'Owen Price', role: 'Events coordinator', email: 'events@kclibrary.example' } }),
    police: await resource({
      kind: 'organisation',
      name: 'Kansas City Police Department, Community Engagement Division',
      timeZone: KC,
      exclusive: true,
      capacity: 30,
      address: kcAddress('1125 Locust St', '64106'),
      contact: { name: 'Sgt. Dana Whitfield', role: 'Community engagement lead', email: 'dana.whitfield@kcpd.example', phone: '+1 816 555 0100' },
      availability: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '12:00' }, { days: ['fri', 'sat'], from: '18:00', to: '24:00' }],
    }),
    elections: await resource({ kind: 'organisation', name: 'Kansas City Board of Election Commissioners', timeZone: KC, exclusive: true, address: kcAddress('4407 Indiana Ave', '64130'), contact: { name: 'Luis Ortega', role: 'Director of voter outreach', email: 'l.ortega@kceb.example' }, availability: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }] }),
    innovation: await resource({ kind: 'venue', name: 'KC Digital Drive innovation lab', timeZone: KC, exclusive: true, capacity: 40, address: kcAddress('1814 Main St', '64108'), contact: { name: 'Priya Raman', role: 'Civic tech lead', email: 'priya@kcdigitaldrive.example', phone: '+1 816 555 0133' } }),
    jazz: await resource({ kind: 'venue', name: 'American Jazz Museum', timeZone: KC, exclusive: false, address: kcAddress('1616 E 18th St', '64108'), contact: { name: 'Front desk', role: null, phone: '+1 816 555 0144' } }),
    courthouse: await resource({ kind: 'venue', name: 'Jackson County Courthouse', timeZone: KC, exclusive: false, capacity: 50, address: kcAddress('415 E 12th St', '64106'), contact: { name: 'Court administrator', role: null, email: 'admin@16thcircuit.example' } }),
    school: await resource({ kind: 'venue', name: 'Lincoln College Preparatory Academy', timeZone: KC, exclusive: true, capacity: 80, address: kcAddress('2111 Woodland Ave', '64108'), contact: { name: 'Ms. Tanya Brooks', role: 'Exchange coordinator', email: 't.brooks@kcps.example' } }),
    airportKC: await resource({ kind: 'venue', name: 'Kansas City International Airport (MCI)', timeZone: KC, exclusive: false, address: { line1: '1 International Sq', city: 'Kansas City', region: 'MO', postalCode: '64153', country: 'US' } }),
  };
}

const plans = {
  'Digital government: a ministerial delegation': (kc) => (people) => {
    const advisers = byRole(people, 'delegate');
    return [
      { kind: 'travel-leg', title: 'Arrival at MCI and transfer to the hotel', startsAt: at('2027-03-08', '14:00', KC), endsAt: at('2027-03-08', '15:30', KC), timeZone: KC, attendees: whole, status: 'confirmed' },
      { kind: 'workshop-panel', title: 'Welcome and program briefing', startsAt: at('2027-03-08', '17:00', KC), endsAt: at('2027-03-08', '18:00', KC), timeZone: KC, venueId: kc.library, attendees: whole, status: 'confirmed' },
      { kind: 'resource-meeting', title: 'Mayor\'s office: digital services strategy', startsAt: at('2027-03-09', '09:00', KC), endsAt: at('2027-03-09', '10:30', KC), timeZone: KC, venueId: kc.cityHall, resourceId: kc.cityHall, attendees: whole, status: 'confirmed' },
      { kind: 'resource-meeting', title: 'Election administration and voter outreach', startsAt: at('2027-03-09', '11:30', KC), endsAt: at('2027-03-09', '13:00', KC), timeZone: KC, resourceId: kc.elections, venueId: kc.courthouse, attendees: whole, travelBufferMinutes: 45 },
      { kind: 'site-visit', title: 'Open-data and 311 platform demonstration', startsAt: at('2027-03-09', '14:30', KC), endsAt: at('2027-03-09', '16:30', KC), timeZone: KC, venueId: kc.innovation, attendees: whole },
      { kind: 'workshop-panel', title: 'Panel: data protection in public services', startsAt: at('2027-03-10', '09:30', KC), endsAt: at('2027-03-10', '11:30', KC), timeZone: KC, venueId: kc.library, attendees: whole, notes: 'Public panel; the Cabinet Secretary gives the opening remarks.' },
      { kind: 'site-visit', title: 'Cybersecurity operations centre', startsAt: at('2027-03-10', '13:00', KC), endsAt: at('2027-03-10', '14:30', KC), timeZone: KC, venueId: kc.innovation, attendees: { wholeDelegation: false, participantIds: advisers.slice(0, 3) } },
      { kind: 'cultural-activity', title: 'American Jazz Museum and 18th & Vine', startsAt: at('2027-03-10', '16:00', KC), endsAt: at('2027-03-10', '18:00', KC), timeZone: KC, venueId: kc.jazz, attendees: whole },
      { kind: 'home-hospitality', title: 'Dinner with host families', startsAt: at('2027-03-10', '19:00', KC), endsAt: at('2027-03-10', '21:00', KC), timeZone: KC, attendees: whole, notes: 'Host families collect guests from the museum.' },
      { kind: 'workshop-panel', title: 'Wrap-up and evaluation', startsAt: at('2027-03-11', '09:00', KC), endsAt: at('2027-03-11', '10:30', KC), timeZone: KC, venueId: kc.library, attendees: whole },
      { kind: 'travel-leg', title: 'Transfer to MCI and departure', startsAt: at('2027-03-11', '12:00', KC), endsAt: at('2027-03-11', '14:00', KC), timeZone: KC, venueId: kc.airportKC, attendees: whole },
    ];
  },
  'Policing and community trust: a 15-country law-enforcement group': (kc, dc) => (people) => {
    const interpreters = byRole(people, 'interpreter');
    const delegates = byRole(people, 'delegate');
    return [
      { kind: 'workshop-panel', title: 'Orientation: policing in a federal system', startsAt: at('2027-04-12', '09:00', DC), endsAt: at('2027-04-12', '11:00', DC), timeZone: DC, venueId: dc.center, attendees: whole, status: 'confirmed' },
      { kind: 'resource-meeting', title: 'Department of Justice, Community Relations Service', startsAt: at('2027-04-12', '14:00', DC), endsAt: at('2027-04-12', '15:30', DC), timeZone: DC, venueId: dc.doj, resourceId: dc.doj, attendees: whole },
      { kind: 'travel-leg', title: 'Flight DCA → MCI', startsAt: at('2027-04-13', '08:00', DC), endsAt: at('2027-04-13', '09:45', KC), timeZone: KC, attendees: whole, notes: 'Clocks go back one hour: Eastern to Central time.' },
      { kind: 'resource-meeting', title: 'KCPD: community engagement and de-escalation', startsAt: at('2027-04-14', '08:30', KC), endsAt: at('2027-04-14', '11:30', KC), timeZone: KC, resourceId: kc.police, venueId: kc.police, attendees: whole, status: 'confirmed' },
      { kind: 'site-visit', title: 'Municipal court and restorative justice program', startsAt: at('2027-04-14', '13:30', KC), endsAt: at('2027-04-14', '15:30', KC), timeZone: KC, venueId: kc.courthouse, attendees: whole },
      { kind: 'ride-along', title: 'Friday evening ride-along (Central Patrol)', startsAt: at('2027-04-16', '19:00', KC), endsAt: at('2027-04-16', '23:00', KC), timeZone: KC, resourceId: kc.police, attendees: { wholeDelegation: false, participantIds: delegates.slice(0, 4), interpreterIds: interpreters.slice(0, 1) } },
      { kind: 'workshop-panel', title: 'Town hall: police and neighbourhood associations', startsAt: at('2027-04-15', '18:00', KC), endsAt: at('2027-04-15', '20:00', KC), timeZone: KC, venueId: kc.library, attendees: whole },
      { kind: 'cultural-activity', title: 'Negro Leagues Baseball Museum', startsAt: at('2027-04-15', '14:00', KC), endsAt: at('2027-04-15', '16:00', KC), timeZone: KC, venueId: kc.jazz, attendees: whole },
      { kind: 'free-time', title: 'Free afternoon', startsAt: at('2027-04-16', '13:00', KC), endsAt: at('2027-04-16', '17:00', KC), timeZone: KC, attendees: whole },
    ];
  },
  'Arusha–Kansas City youth exchange 2027': (kc) => () => [
    { kind: 'travel-leg', title: 'Arrival at MCI; host families meet the group', startsAt: at('2027-07-05', '16:00', KC), endsAt: at('2027-07-05', '18:00', KC), timeZone: KC, venueId: kc.airportKC, attendees: whole, status: 'confirmed' },
    { kind: 'workshop-panel', title: 'Youth leadership workshop with Lincoln Prep students', startsAt: at('2027-07-06', '09:00', KC), endsAt: at('2027-07-06', '12:00', KC), timeZone: KC, venueId: kc.school, attendees: whole },
    { kind: 'site-visit', title: 'City council chamber: how a city decides', startsAt: at('2027-07-07', '10:00', KC), endsAt: at('2027-07-07', '11:30', KC), timeZone: KC, venueId: kc.cityHall, attendees: whole },
    { kind: 'cultural-activity', title: 'Jazz workshop at 18th & Vine', startsAt: at('2027-07-08', '14:00', KC), endsAt: at('2027-07-08', '16:00', KC), timeZone: KC, venueId: kc.jazz, attendees: whole },
    { kind: 'home-hospitality', title: 'Fourth-week family weekend', startsAt: at('2027-07-10', '10:00', KC), endsAt: at('2027-07-10', '20:00', KC), timeZone: KC, attendees: whole },
    { kind: 'travel-leg', title: 'Departure from MCI', startsAt: at('2027-07-16', '10:00', KC), endsAt: at('2027-07-16', '12:00', KC), timeZone: KC, venueId: kc.airportKC, attendees: whole },
  ],
};

const programs = await programsByTitle();
const wanted = Object.keys(plans).filter((title) => programs.has(title));
if (wanted.length === 0) {
  console.log('[demo] none of the demo programs exists: run scripts/demo/seed.mjs first; nothing seeded');
  process.exit(0);
}
let kc = null;
let dc = null;
for (const title of wanted) {
  const program = programs.get(title);
  const participants = (await call('GET', `${PROGRAMS}/programs/${program.id}/participants`)).body.items;
  await seedProgram(program, participants, async (people) => {
    kc ??= await kansasCityResources();
    dc ??= {
      center: await resource({ kind: 'venue', name: 'Meridian International Center', timeZone: DC, exclusive: true, capacity: 40, address: { line1: '1630 Crescent Pl NW', city: 'Washington', region: 'DC', postalCode: '20009', country: 'US' }, contact: { name: 'Program desk', role: null, email: 'programs@meridian.example' } }),
      doj: await resource({ kind: 'organisation', name: 'U.S. Department of Justice, Community Relations Service', timeZone: DC, exclusive: true, address: { line1: '950 Pennsylvania Ave NW', city: 'Washington', region: 'DC', postalCode: '20530', country: 'US' }, contact: { name: 'Regional director', role: null, email: 'crs@usdoj.example' }, availability: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }] }),
    };
    return plans[title](kc, dc)(people);
  });
}
