import type { Server } from 'node:http';
import { describeRouteWalk, testToken, testTokens } from '@diplomacy/testing';
import type { ProbeRequest, RouteTable } from '@diplomacy/testing';
import { newOrganisation, newParticipant, newPartnership, newProgram, organisationBody, partnershipBody, participantBody, programBody } from './programs.fixtures';
import { ServiceUnderTest } from './service-under-test';

/**
 * Every route of the programs service's OpenAPI document, tried with no token, a token of the
 * wrong role, the right role in another organisation, and the right token. The table below is
 * the security model of programs route by route; a route without an entry fails the walk.
 *
 * Defaults: the right caller is the home organisation's coordinator (writes) or viewer
 * (reads); the wrong role is a viewer (writes: read-only) or a participant (reads: not staff);
 * the other tenant is a coordinator (writes) or viewer (reads) of another organisation.
 * Fixtures belong to the home organisation and are made fresh for each probe, so writes
 * never see each other's effects.
 */
let sut: ServiceUnderTest;
/** A participant made once, whose own token the participant-record route is tried with. */
let participantFixture: { programId: string; participantId: string };

const tokens = {
  ...testTokens,
  /** The participant of `participantFixture`, reading their own record; built when first sent, once the fixture exists. */
  get ownParticipant(): string {
    return testToken({ roles: ['participant'], sub: 'pia', participantId: participantFixture.participantId });
  },
};
type TokenName = keyof typeof tokens;

const WRITE = { none: 401, wrongRole: 403, otherTenant: 404, right: 200 };
const READ = { none: 401, wrongRole: 403, otherTenant: 404, right: 200 };
/** A create or a list answers the other organisation about its own data: nothing of the home organisation's is involved. */
const OWN_DATA = (status: number) => ({ none: 401, wrongRole: 403, otherTenant: status, right: status });
const READ_AS = { wrongRole: 'participant', right: 'viewer', otherTenant: 'otherViewer' } as const;

const home = () => sut.http(testTokens.coordinator);
const withId = (make: () => Promise<string>, extra: Omit<ProbeRequest, 'params'> = {}) => async (): Promise<ProbeRequest> => ({ params: { id: await make() }, ...extra });
const withParticipant = (extra: Omit<ProbeRequest, 'params'> = {}) => async (): Promise<ProbeRequest> => {
  const id = await newProgram(home());
  return { params: { id, participantId: await newParticipant(home(), id) }, ...extra };
};

const table: RouteTable<TokenName> = {
  'POST /programs': { expect: OWN_DATA(201), note: 'another organisation’s coordinator creates in their own organisation (the body names none)', request: () => ({ body: programBody() }) },
  'GET /programs': { expect: OWN_DATA(200), as: READ_AS, note: 'each caller lists their own organisation’s programs' },
  'GET /programs/{id}': { expect: READ, as: READ_AS, request: withId(() => newProgram(home())) },
  'PATCH /programs/{id}': { expect: WRITE, request: withId(() => newProgram(home()), { headers: { 'If-Match': 'W/"1"' }, body: { title: 'Renamed' } }) },
  'POST /programs/{id}/transitions': { expect: WRITE, request: withId(() => newProgram(home()), { body: { to: 'planned' } }) },
  'GET /programs/{id}/impact': { expect: READ, as: READ_AS, request: withId(() => newProgram(home())) },
  'POST /programs/{id}/participants': { expect: { ...WRITE, right: 201 }, request: withId(() => newProgram(home()), { body: participantBody() }) },
  'GET /programs/{id}/participants': { expect: READ, as: READ_AS, note: 'the list is for staff; a participant reads only their own record', request: withId(() => newProgram(home())) },
  'GET /programs/{id}/participants/{participantId}': {
    expect: READ,
    as: { wrongRole: 'contact', right: 'ownParticipant', otherTenant: 'otherViewer' },
    note: 'a participant reads their own record (staff read any: security.int-spec.ts)',
    request: () => ({ params: { id: participantFixture.programId, participantId: participantFixture.participantId } }),
  },
  'PATCH /programs/{id}/participants/{participantId}': { expect: WRITE, request: withParticipant({ headers: { 'If-Match': '1' }, body: { title: 'Minister' } }) },
  'DELETE /programs/{id}/participants/{participantId}': { expect: { ...WRITE, right: 204 }, request: withParticipant() },
  'POST /organisations': { expect: OWN_DATA(201), note: 'an organisation record goes into the caller’s own directory', request: () => ({ body: organisationBody() }) },
  'GET /organisations': { expect: OWN_DATA(200), as: READ_AS },
  'GET /organisations/{id}': { expect: READ, as: READ_AS, request: withId(() => newOrganisation(home())) },
  'PATCH /organisations/{id}': { expect: WRITE, request: withId(() => newOrganisation(home()), { headers: { 'If-Match': '1' }, body: { name: 'Renamed' } }) },
  'GET /organisations/{id}/impact': { expect: READ, as: READ_AS, request: withId(() => newOrganisation(home())) },
  'GET /organisations/{id}/history': { expect: READ, as: READ_AS, request: withId(() => newOrganisation(home())) },
  'POST /partnerships': { expect: OWN_DATA(201), request: () => ({ body: partnershipBody() }) },
  'GET /partnerships': { expect: OWN_DATA(200), as: READ_AS },
  'GET /partnerships/{id}': { expect: READ, as: READ_AS, note: 'the other organisation is no partner here (security.int-spec.ts covers partners)', request: withId(() => newPartnership(home())) },
  'PATCH /partnerships/{id}': { expect: WRITE, request: withId(() => newPartnership(home()), { headers: { 'If-Match': '1' }, body: { status: 'inactive' } }) },
  'GET /partnerships/{id}/exchanges': { expect: READ, as: READ_AS, request: withId(() => newPartnership(home())) },
  'GET /partnerships/{id}/impact': { expect: READ, as: READ_AS, request: withId(() => newPartnership(home())) },
  'GET /impact/years/{year}': { expect: OWN_DATA(200), as: READ_AS, note: 'each caller’s own organisation’s year', request: () => ({ params: { year: '2027' } }) },
  'GET /audit': {
    expect: OWN_DATA(200),
    as: { wrongRole: 'viewer' },
    note: 'coordinators only (a viewer reads programs, not who changed them); each reads their own organisation’s log',
  },
};

describe('programs route walk (real Postgres, real Kafka)', () => {
  beforeAll(async () => {
    sut = await ServiceUnderTest.start('programs_route_walk_test');
    const programId = await newProgram(home());
    participantFixture = { programId, participantId: await newParticipant(home(), programId) };
  });

  afterAll(async () => {
    await sut?.stop();
  });

  describeRouteWalk<TokenName>({
    table,
    tokens,
    service: () => ({ server: sut.service.app.getHttpServer() as Server, openApi: sut.service.openApi }),
  });
});
