// Demo data: two realistic visiting programs, created through the public API so
// that their events travel the whole system. Runs once per database: it does
// nothing when the programs database already holds programs.
import { execFileSync } from 'node:child_process';

const PROGRAMS = process.env.PROGRAMS_URL ?? 'http://127.0.0.1:3001';
const NOTIFICATIONS = process.env.NOTIFICATIONS_URL ?? 'http://127.0.0.1:3004';
const PROGRAMS_DB = process.env.PROGRAMS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/programs';

const demoPrograms = [
  {
    organisationId: 'kansas-city-council',
    title: 'Digital government: a ministerial delegation',
    kind: 'international-visitor',
    theme: 'Democracy and civic engagement in the digital age',
    startDate: '2027-03-08',
    endDate: '2027-03-11',
  },
  {
    organisationId: 'kansas-city-council',
    title: 'Policing and community trust: a 15-country law-enforcement group',
    kind: 'international-visitor',
    theme: 'Policing and community trust',
    startDate: '2027-04-12',
    endDate: '2027-04-16',
  },
];

function existingPrograms() {
  const out = execFileSync('psql', [PROGRAMS_DB, '-tAc', 'SELECT count(*) FROM programs'], { encoding: 'utf8' });
  return Number(out.trim());
}

async function waitForProjection(id) {
  for (let i = 0; i < 100; i += 1) {
    const response = await fetch(`${NOTIFICATIONS}/program-directory/${id}`);
    if (response.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`program ${id} did not reach the notifications service`);
}

if (existingPrograms() > 0) {
  console.log('[demo] programs already present; nothing seeded');
} else {
  for (const program of demoPrograms) {
    const response = await fetch(`${PROGRAMS}/programs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': `demo-seed-${program.startDate}` },
      body: JSON.stringify(program),
    });
    if (response.status !== 201) throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
    const created = await response.json();
    await waitForProjection(created.id);
    console.log(`[demo] ${created.title} -> ${created.id} (seen by notifications)`);
  }
}
