import { randomUUID } from 'node:crypto';
import type { HttpClient } from './service-under-test';

/** Request bodies and fresh records for the security, route-walk and audit suites, all in the caller's organisation. */
export const programBody = (overrides: Record<string, unknown> = {}) => ({
  title: 'Digital government: a ministerial delegation',
  kind: 'international-visitor',
  theme: 'Digital public services',
  startDate: '2027-03-08',
  endDate: '2027-03-11',
  ...overrides,
});

export const organisationBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Kansas City Public Library',
  kind: 'resource-organisation',
  resourceType: 'library',
  address: { city: 'Kansas City', country: 'US' },
  timeZone: 'America/Chicago',
  ...overrides,
});

/** A partnership with a community name of its own: the pair of communities is unique across the deployment. */
export const partnershipBody = (overrides: Record<string, unknown> = {}) => ({
  usCommunity: { name: 'Kansas City', kind: 'city', state: 'MO' },
  partnerCommunity: { name: `Arusha ${randomUUID().slice(0, 8)}`, country: 'TZ' },
  focusAreas: ['youth-education'],
  status: 'active',
  ...overrides,
});

export const participantBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Amina Mwangi',
  country: 'KE',
  role: 'delegation-lead',
  languages: ['sw', 'en'],
  notificationChannels: ['email'],
  email: 'amina.mwangi@ict.example',
  ...overrides,
});

const created = async (call: Promise<{ status: number; body: { id: string } }>, what: string): Promise<string> => {
  const response = await call;
  if (response.status !== 201) throw new Error(`fixture ${what}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
};

export const newProgram = (http: HttpClient, overrides: Record<string, unknown> = {}) => created(http.post('/programs').send(programBody(overrides)), 'program');
export const newOrganisation = (http: HttpClient, overrides: Record<string, unknown> = {}) => created(http.post('/organisations').send(organisationBody(overrides)), 'organisation');
export const newPartnership = (http: HttpClient, overrides: Record<string, unknown> = {}) => created(http.post('/partnerships').send(partnershipBody(overrides)), 'partnership');
export const newParticipant = (http: HttpClient, programId: string, overrides: Record<string, unknown> = {}) =>
  created(http.post(`/programs/${programId}/participants`).send(participantBody(overrides)), 'participant');
