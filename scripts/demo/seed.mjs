// Demo data: two realistic visiting programs (a ministerial delegation on digital
// government; a 15-country law-enforcement group) with their participants, the
// organisations they meet, and a sister-city partnership with a youth exchange.
// Everything goes through the public API so that the events travel the whole
// system. Runs once per database: it does nothing when the programs database
// already holds programs.
//
// The programs service enforces security (docs/security.md): every call carries a
// development token of the Kansas City council's coordinator, minted with the development
// secret as scripts/dev/mint-token.mjs does. A coordinator creates everything here in their
// own organisation, organisation records included (they go into the council's directory).
import { execFileSync } from 'node:child_process';
import { mintToken } from '../dev/mint-token.mjs';

const PROGRAMS = process.env.PROGRAMS_URL ?? 'http://127.0.0.1:3001';
const NOTIFICATIONS = process.env.NOTIFICATIONS_URL ?? 'http://127.0.0.1:3004';
const PROGRAMS_DB = process.env.PROGRAMS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/programs';
const COORDINATOR = mintToken({ roles: ['coordinator'], org: 'kansas-city-council', sub: 'demo-seed', ttlSeconds: 3600 });
const AUTHORIZATION = { authorization: `Bearer ${COORDINATOR}` };

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
    // The token is ignored while notifications serves this route anonymously, and enough once it does not.
    const response = await fetch(`${NOTIFICATIONS}/program-directory/${id}`, { headers: AUTHORIZATION });
    if (response.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`program ${id} did not reach the notifications service`);
}

async function call(method, path, body, headers = {}) {
  const response = await fetch(`${PROGRAMS}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      'x-correlation-id': `demo-seed-${method.toLowerCase()}-${path.replace(/\W+/g, '-')}`.slice(0, 200),
      ...AUTHORIZATION,
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`seeding failed: ${method} ${path} -> ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

const organisation = (name, kind, extra = {}) =>
  call('POST', '/organisations', {
    managedBy: 'kansas-city-council',
    name,
    kind,
    address: { city: 'Kansas City', region: 'MO', country: 'US' },
    timeZone: 'America/Chicago',
    contacts: [],
    ...extra,
  });

/** Patches a program's details, then walks it to `planned`. */
async function plan(program, details) {
  const updated = await call('PATCH', `/programs/${program.id}`, details, { 'if-match': `W/"${program.version}"` });
  return call('POST', `/programs/${updated.id}/transitions`, { to: 'planned' });
}

const addParticipants = (program, people) => Promise.all(people.map((person) => call('POST', `/programs/${program.id}/participants`, person)));

if (existingPrograms() > 0) {
  console.log('[demo] programs already present; nothing seeded');
} else {
  const created = [];
  for (const program of demoPrograms) {
    const response = await fetch(`${PROGRAMS}/programs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': `demo-seed-${program.startDate}`, ...AUTHORIZATION },
      body: JSON.stringify(program),
    });
    if (response.status !== 201) throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
    const body = await response.json();
    await waitForProjection(body.id);
    console.log(`[demo] ${body.title} -> ${body.id} (seen by notifications)`);
    created.push(body);
  }
  const [digital, policing] = created;

  const council = await organisation('Kansas City Council for International Visitors', 'host-council', {
    address: { line1: '300 W 47th St', city: 'Kansas City', region: 'MO', postalCode: '64112', country: 'US' },
    contacts: [{ name: 'Maya Robinson', role: 'Program coordinator', email: 'maya.robinson@kc-visitors.example', phone: '+18165550110', preferredLanguage: 'en-US' }],
  });
  const dcCouncil = await organisation('Washington Council for International Visitors', 'host-council', {
    address: { city: 'Washington', region: 'DC', country: 'US' },
    timeZone: 'America/New_York',
  });
  const electionBoard = await organisation('Kansas City Board of Election Commissioners', 'resource-organisation', {
    resourceType: 'election-board',
    contacts: [{ name: 'Luis Ortega', role: 'Director of voter outreach', email: 'l.ortega@kceb.example', preferredLanguage: 'es-US' }],
  });
  const cyberCentre = await organisation('UMKC Center for Cybersecurity', 'resource-organisation', { resourceType: 'university' });
  const police = await organisation('Kansas City Police Department, Community Engagement Division', 'resource-organisation', {
    resourceType: 'police-department',
    contacts: [{ name: 'Sgt. Dana Whitfield', role: 'Community engagement lead', email: 'dana.whitfield@kcpd.example', phone: '+18165550100', preferredLanguage: 'en-US' }],
  });
  const library = await organisation('Kansas City Public Library, Central Branch', 'resource-organisation', { resourceType: 'library' });
  console.log('[demo] organisations: council, Washington council, election board, university, police, library');

  // A minister and six advisers, four days in Kansas City, one country, one language.
  await plan(digital, {
    objectives: ['See online voter registration and election security end to end', 'Meet the people who run digital public services locally'],
    hostOrganisationId: council.id,
    coHostOrganisationIds: [electionBoard.id, cyberCentre.id, library.id],
    legs: [{ city: 'Kansas City', timeZone: 'America/Chicago', startDate: '2027-03-08', endDate: '2027-03-11', localHostOrganisationId: council.id }],
  });
  const minister = {
    name: 'Hon. Amina Mwangi',
    country: 'KE',
    title: 'Cabinet Secretary for ICT and the Digital Economy',
    organisationName: 'Ministry of Information, Communications and the Digital Economy',
    role: 'delegation-lead',
    languages: ['sw', 'en'],
    preferredLanguage: 'en',
    notificationChannels: ['email', 'whatsapp'],
    email: 'amina.mwangi@ict.example',
    phone: '+254700000001',
    gender: 'female',
    dietaryNotes: 'No pork',
  };
  const advisers = ['Brian Otieno', 'Grace Wanjiru', 'Peter Kamau', 'Faith Achieng', 'Samuel Kiptoo', 'Mercy Njeri'].map((name, i) => ({
    name,
    country: 'KE',
    title: ['Digital services adviser', 'Data protection adviser', 'Cybersecurity adviser', 'e-Government adviser', 'Legal adviser', 'Communications adviser'][i],
    organisationName: 'Ministry of Information, Communications and the Digital Economy',
    role: 'delegate',
    languages: ['sw', 'en'],
    preferredLanguage: 'en',
    notificationChannels: ['email'],
    email: `${name.toLowerCase().replace(/\W+/g, '.')}@ict.example`,
    gender: i % 2 === 0 ? 'male' : 'female',
  }));
  await addParticipants(digital, [minister, ...advisers, { name: 'James Carter', country: 'US', title: 'Program officer', role: 'escort', languages: ['en'], preferredLanguage: 'en', notificationChannels: ['sms'], phone: '+12025550140' }]);
  console.log('[demo] digital government: minister, six advisers and an escort; planned');

  // Fifteen countries: arrival briefings in Washington, then four days in Kansas City.
  await plan(policing, {
    objectives: ['Community policing and trust', 'Transparency and accountability in law enforcement'],
    hostOrganisationId: council.id,
    coHostOrganisationIds: [police.id],
    legs: [
      { city: 'Washington', timeZone: 'America/New_York', startDate: '2027-04-12', endDate: '2027-04-13', localHostOrganisationId: dcCouncil.id },
      { city: 'Kansas City', timeZone: 'America/Chicago', startDate: '2027-04-13', endDate: '2027-04-16', localHostOrganisationId: council.id },
    ],
  });
  const officers = [
    ['Kwame Mensah', 'GH', 'en'], ['Ana Souza', 'BR', 'pt-BR'], ['Nguyen Van An', 'VN', 'vi'], ['Fatima Zahra Benali', 'MA', 'ar'],
    ['Irina Kovalenko', 'UA', 'uk'], ['Carlos Mendoza', 'MX', 'es-MX'], ['Aigerim Sadykova', 'KZ', 'kk'], ['Rahul Verma', 'IN', 'hi'],
    ['Siti Rahmawati', 'ID', 'id'], ['Tomás Rojas', 'CL', 'es-CL'], ['Ewa Nowak', 'PL', 'pl'], ['Joseph Banda', 'ZM', 'en'],
    ['Leila Haddad', 'JO', 'ar'], ['Mariam Diallo', 'SN', 'fr'], ['Nodira Karimova', 'UZ', 'uz'],
  ].map(([name, country, language], i) => ({
    name,
    country,
    title: 'Police commander',
    role: 'delegate',
    languages: [...new Set([language, 'en'])],
    preferredLanguage: language,
    notificationChannels: ['email'],
    email: `${name.toLowerCase().replace(/\W+/g, '.')}@police.example`,
    gender: i % 3 === 0 ? 'female' : 'male',
  }));
  await addParticipants(policing, [
    ...officers,
    { name: 'Élodie Martin', country: 'US', title: 'French interpreter', role: 'interpreter', languages: ['fr', 'en'], preferredLanguage: 'en', notificationChannels: ['sms'], phone: '+12025550188' },
    { name: 'Robert Hayes', country: 'US', title: 'Program officer', role: 'escort', languages: ['en'], notificationChannels: ['email'], email: 'robert.hayes@program.example' },
  ]);
  console.log('[demo] law enforcement: 15 countries, an interpreter and an escort; planned');

  // A sister-city partnership and a youth exchange under it.
  const kcAssociation = await organisation('Sister Cities Association of Kansas City', 'sister-city-association');
  const arushaAssociation = await organisation('Arusha Sister Cities Committee', 'sister-city-association', {
    address: { city: 'Arusha', country: 'TZ' },
    timeZone: 'Africa/Dar_es_Salaam',
  });
  const partnership = await call('POST', '/partnerships', {
    managedBy: 'kansas-city-council',
    usCommunity: { name: 'Kansas City', kind: 'city', state: 'MO' },
    partnerCommunity: { name: 'Arusha', country: 'TZ' },
    establishedOn: '1991-05-12',
    focusAreas: ['youth-education', 'arts-culture', 'humanitarian'],
    status: 'active',
    usAssociationId: kcAssociation.id,
    partnerAssociationId: arushaAssociation.id,
  });
  const youth = await call('POST', '/programs', {
    organisationId: 'kansas-city-council',
    title: 'Arusha–Kansas City youth exchange 2027',
    kind: 'youth-exchange',
    theme: 'Young leaders and climate resilience',
    startDate: '2027-07-05',
    endDate: '2027-07-16',
  });
  await plan(youth, {
    partnershipId: partnership.id,
    hostOrganisationId: kcAssociation.id,
    coHostOrganisationIds: [arushaAssociation.id],
    legs: [{ city: 'Kansas City', timeZone: 'America/Chicago', startDate: '2027-07-05', endDate: '2027-07-16', localHostOrganisationId: kcAssociation.id }],
  });
  await addParticipants(youth, [
    ...['Neema Mollel', 'Baraka Laizer', 'Upendo Massawe', 'Juma Lyimo', 'Rehema Kimaro', 'Elia Sumari'].map((name, i) => ({
      name,
      country: 'TZ',
      role: 'youth-participant',
      languages: ['sw', 'en'],
      preferredLanguage: 'sw',
      notificationChannels: ['whatsapp'],
      phone: `+2557000000${10 + i}`,
      gender: i % 2 === 0 ? 'female' : 'male',
    })),
    { name: 'Mwalimu Grace Temba', country: 'TZ', title: 'Teacher and chaperone', role: 'delegation-lead', languages: ['sw', 'en'], preferredLanguage: 'en', notificationChannels: ['email'], email: 'grace.temba@arusha-schools.example' },
  ]);
  console.log(`[demo] partnership Kansas City–Arusha -> ${partnership.id}, with a youth exchange of six students and a chaperone`);
}
