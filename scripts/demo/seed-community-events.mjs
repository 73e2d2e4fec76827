// Demo data for the community-events service: a community potluck that the visiting
// delegation of a demo program attends, with registrations, a waitlist and sign-up slots.
// Everything goes through the public HTTP APIs, so its events travel the whole system.
// Runs once: it does nothing when the demo potluck already exists for the program.
//
// Every call sends `Authorization: Bearer <token>` (the services need a JWT, docs/security.md):
// a development token for a coordinator of the demo organisation from scripts/dev/mint-token.mjs,
// or DEMO_TOKEN when set.
//
//   node scripts/demo/seed-community-events.mjs
//   DEMO_PROGRAM_ID=<uuid> COMMUNITY_EVENTS_URL=http://127.0.0.1:3003 node scripts/demo/seed-community-events.mjs
import { execFileSync } from 'node:child_process';
import { mintToken } from '../dev/mint-token.mjs';

const PROGRAMS = process.env.PROGRAMS_URL ?? 'http://127.0.0.1:3001';
const COMMUNITY_EVENTS = process.env.COMMUNITY_EVENTS_URL ?? 'http://127.0.0.1:3003';
const PROGRAMS_DB = process.env.PROGRAMS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/programs';
const DEMO_PROGRAM_TITLE = 'Digital government: a ministerial delegation';
const POTLUCK_TITLE = 'Westside neighbourhood potluck with the visiting delegation';
const DEMO_ORGANISATION_ID = process.env.DEMO_ORGANISATION_ID ?? 'kansas-city-council';

/** Every service wants a token (docs/security.md): a development token for a coordinator of the demo organisation. */
const token = process.env.DEMO_TOKEN ?? mintToken({ roles: ['coordinator'], org: DEMO_ORGANISATION_ID, sub: 'demo-seed' });

async function call(method, url, body, expected) {
  const send = () =>
    fetch(url, {
      method,
      headers: {
        'content-type': 'application/json',
        'x-correlation-id': 'demo-seed-community-events',
        authorization: `Bearer ${token}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  let response = await send();
  // Public routes (registrations) are rate-limited along with the auth: wait as told and try again.
  for (let attempt = 0; response.status === 429 && attempt < 10; attempt += 1) {
    const seconds = Number(response.headers.get('retry-after')) || Number((await response.json().catch(() => ({}))).retryAfterSeconds) || 2;
    await new Promise((resolve) => setTimeout(resolve, Math.min(seconds, 30) * 1000));
    response = await send();
  }
  const text = await response.text();
  if (!expected.includes(response.status)) throw new Error(`[demo] ${method} ${url} -> ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** The program the delegation belongs to: DEMO_PROGRAM_ID, else the one scripts/demo/seed.mjs made, else a new one. */
async function demoProgramId() {
  if (process.env.DEMO_PROGRAM_ID) return process.env.DEMO_PROGRAM_ID;
  try {
    const out = execFileSync('psql', [PROGRAMS_DB, '-tAc', `SELECT id FROM programs WHERE title = '${DEMO_PROGRAM_TITLE}' ORDER BY created_at LIMIT 1`], {
      encoding: 'utf8',
    }).trim();
    if (out) return out;
  } catch {
    // No local psql or database: fall back to the API.
  }
  const program = await call(
    'POST',
    `${PROGRAMS}/programs`,
    {
      organisationId: 'kansas-city-council',
      title: DEMO_PROGRAM_TITLE,
      kind: 'international-visitor',
      theme: 'Democracy and civic engagement in the digital age',
      startDate: '2027-03-08',
      endDate: '2027-03-11',
    },
    [201],
  );
  return program.id;
}

const programId = await demoProgramId();
const existing = await call('GET', `${COMMUNITY_EVENTS}/community-events?programId=${programId}`, undefined, [200]);
if (existing.some((event) => event.title === POTLUCK_TITLE)) {
  console.log(`[demo] the potluck for program ${programId} already exists; nothing seeded`);
  process.exit(0);
}

const potluck = await call(
  'POST',
  `${COMMUNITY_EVENTS}/community-events`,
  {
    organisationId: DEMO_ORGANISATION_ID,
    kind: 'potluck',
    title: POTLUCK_TITLE,
    description: 'Bring a dish from your family’s table and meet the visiting delegation. Interpreters on site.',
    coHostOrganisationIds: ['westside-community-library'],
    venue: { name: 'Westside Community Center', address: '2130 Jefferson St, Kansas City, MO 64108' },
    startsAt: '2027-03-09T18:00:00-06:00',
    endsAt: '2027-03-09T21:00:00-06:00',
    timeZone: 'America/Chicago',
    capacity: 24,
    maxPartySize: 4,
    registrationClosesAt: '2027-03-09T12:00:00-06:00',
    visibility: 'public',
    programIds: [programId],
    claimWindowHours: 24,
  },
  [201],
);
await call('POST', `${COMMUNITY_EVENTS}/community-events/${potluck.id}/publish`, undefined, [200]);

const slots = {};
for (const [label, quantity] of [
  ['main dish', 10],
  ['dessert', 8],
  ['set-up volunteer', 4],
]) {
  slots[label] = (await call('POST', `${COMMUNITY_EVENTS}/community-events/${potluck.id}/slots`, { label, quantity }, [201])).id;
}

// 30 people in 11 parties for 24 seats: the last parties wait, as whole parties.
const parties = [
  ['Maria Hernández', 'es-MX', 4, 'main dish'],
  ['James Carter', 'en-US', 2, 'dessert'],
  ['Nguyen Thi Lan', 'vi', 3, 'main dish'],
  ['Amina Yusuf', 'so', 4, 'set-up volunteer'],
  ['Oleksandr Kovalenko', 'uk', 2, 'dessert'],
  ['Priya Raman', 'en-US', 3, 'main dish'],
  ['Chen Wei', 'zh-Hans', 2, 'set-up volunteer'],
  ['Fatima Al-Sayed', 'ar', 4, null],
  ['Lucas Pereira', 'pt-BR', 2, null],
  ['Grace Okafor', 'en-US', 3, null],
  ['Tom Becker', 'de', 1, null],
];
const summary = { confirmed: 0, waitlisted: 0 };
for (const [name, language, partySize, slot] of parties) {
  const email = `${name.toLowerCase().normalize('NFD').replace(/[^a-z]+/g, '.')}@example.org`;
  const registration = await call(
    'POST',
    `${COMMUNITY_EVENTS}/community-events/${potluck.id}/registrations`,
    { name, email, partySize, preferredLanguage: language },
    [200, 201],
  );
  summary[registration.status] = (summary[registration.status] ?? 0) + 1;
  if (slot && registration.status === 'confirmed' && registration.selfServiceToken) {
    await call('PUT', `${COMMUNITY_EVENTS}/registrations/self/${registration.selfServiceToken}/slots/${slots[slot]}`, { quantity: 1 }, [200]);
  }
}
console.log(
  `[demo] potluck ${potluck.id} for program ${programId}: ${summary.confirmed} parties confirmed, ${summary.waitlisted} waitlisted, ${Object.keys(slots).length} sign-up slots`,
);
