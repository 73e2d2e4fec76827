import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { CHAOS_HOME, log, sleep } from './src/infrastructure';
import { HEADER_VALUES, bodies, judge, pathValue, rowCounts, writeEndpoints } from './src/fuzz';
import type { BodyCase, FuzzFinding, FuzzStats } from './src/fuzz';
import type { ServiceProcess } from './src/services';
import { DATABASES, ChaosSystem } from './src/system';
import { ORGANISATION, TrafficDriver, http, mintToken } from './src/traffic';

/**
 * Property-based input fuzzing (issue 9, part 4) of every write endpoint of every service, as their
 * OpenAPI documents (/docs-json of the running instances) describe them. For each generated request:
 * no 5xx; every 4xx is application/problem+json with status and title, and a validation 400 names
 * each bad field; after any refusal the service's own tables hold exactly the rows they held before.
 * 401/403 problem+json are valid refusals (community-events enforces bearer tokens on organiser routes;
 * other services may opt in later).
 */
const RUNS = Number(process.env['FUZZ_RUNS_PER_ENDPOINT'] ?? (process.env['CHAOS_PROFILE'] === 'ci' ? 25 : 50));

/** Tables a service's consumers fill from other services' events, which may change while it is fuzzed. */
const BACKGROUND_TABLES: Record<string, string[]> = {
  programs: ['inbox', 'schedule_items', 'community_check_ins'],
  scheduling: ['inbox', 'scheduled_programs', 'program_participants', 'community_event_links'],
  'community-events': ['inbox'],
  notifications: ['inbox', 'outbox', 'recipients', 'program_members', 'organisation_contacts', 'community_events', 'event_registrations', 'program_directory', 'notifications', 'notification_log'],
};

describe('input fuzzing of every write endpoint (fast-check)', () => {
  let system: ChaosSystem | undefined;

  afterAll(async () => {
    await system?.stop();
  });

  it('answers no 5xx, problem+json naming the field for every 4xx, and leaves no partial write', async () => {
    const started = Date.now();
    const sys = await ChaosSystem.start({ secondNotifications: false });
    system = sys;
    const traffic = new TrafficDriver(system);
    await traffic.setUp({ programs: 2, communityEvents: 1, capacity: 5 });
    const coordinator = mintToken(['coordinator'], ORGANISATION);
    const registration = await http('POST', `${system.communityEvents.baseUrl}/community-events/${traffic.communityEventIds[0]}/registrations`, { name: 'Fuzz guest', email: 'fuzz@chaos.example', partySize: 1, preferredLanguage: 'en' });
    const token = (registration.body as { selfServiceToken?: string }).selfServiceToken ?? 'missing';
    const slot = await http('POST', `${system.communityEvents.baseUrl}/community-events/${traffic.communityEventIds[0]}/slots`, { label: 'Dessert', quantity: 3 }, { authorization: `Bearer ${coordinator}` });
    const known: Record<string, string[]> = {
      'programs:id': traffic.programIds,
      programId: traffic.programIds,
      participantId: traffic.participantIds,
      itemId: traffic.items.map((i) => i.id),
      'community-events:id': traffic.communityEventIds,
      token: [token],
      slotId: [(slot.body as { id?: string; slotId?: string })?.slotId ?? (slot.body as { id?: string })?.id ?? ''].filter(Boolean),
      'recipients:id': traffic.participantIds,
    };
    const knownFor = (route: string, param: string) => known[`${route.split('/')[1]}:${param}`] ?? known[param] ?? [];
    const auth = fc.constantFrom<Record<string, string>>(
      {},
      { authorization: `Bearer ${coordinator}` },
      { authorization: `Bearer ${coordinator}` },
      { authorization: `Bearer ${mintToken(['viewer'], ORGANISATION)}` },
      { authorization: `Bearer ${mintToken(['coordinator'], 'another-council')}` },
      { authorization: 'Bearer not.a.token' },
    );

    const stats: FuzzStats = { requests: 0, byStatus: {}, authRefusals: 0, validation400: 0, validation400NamingField: 0, malformedBody400: 0, partialWriteChecks: 0, endpoints: 0 };
    const findings: FuzzFinding[] = [];
    const services: [string, ServiceProcess][] = [
      ['programs', system.programs],
      ['scheduling', system.scheduling],
      ['community-events', system.communityEvents],
      ['notifications', system.notificationsA],
    ];
    for (const [name, service] of services) {
      const doc = (await http('GET', `${service.baseUrl}/docs-json`)).body as Parameters<typeof writeEndpoints>[0];
      const endpoints = writeEndpoints(doc);
      stats.endpoints += endpoints.length;
      log(`fuzzing ${name}: ${endpoints.length} write endpoints × ${RUNS} requests`);
      await sleep(2000); // let the previous service's events settle in the other consumers
      for (const endpoint of endpoints) {
        const request = fc.record({
          params: fc.tuple(...(endpoint.pathParams.length > 0 ? endpoint.pathParams.map((p) => pathValue(knownFor(endpoint.path, p))) : [fc.constant('')])),
          body: bodies(doc, endpoint),
          headers: HEADER_VALUES,
          auth,
          query: fc.option(fc.constantFrom('limit=-1', 'limit=abc', 'cursor=%ZZ', 'format=csv', 'x[y]=1&x=2', `${'q'.repeat(50)}=1`), { nil: undefined }),
        });
        await fc.assert(
          fc.asyncProperty(request, async ({ params, body, headers, auth: authorization, query }) => {
            let url = endpoint.path;
            endpoint.pathParams.forEach((p, i) => (url = url.replace(`{${p}}`, encodeURIComponent(params[i]).replace(/%25/g, '%'))));
            const target = `${service.baseUrl}${url}${query ? `?${query}` : ''}`;
            const before = await rowCounts(sys.postgres, DATABASES[name as keyof typeof DATABASES], BACKGROUND_TABLES[name]);
            const sent = (body as BodyCase).body;
            const result = await http(endpoint.method, target, sent === undefined ? undefined : typeof sent === 'string' && (body as BodyCase).kind === 'malformed' ? sent : JSON.stringify(sent), {
              'content-type': 'application/json',
              ...headers,
              ...authorization,
            });
            stats.requests += 1;
            stats.byStatus[result.status] = (stats.byStatus[result.status] ?? 0) + 1;
            if (result.status === 401 || result.status === 403) stats.authRefusals += 1;
            const problem = judge(result, (body as BodyCase).kind);
            if (result.status === 400) {
              const errors = (result.body as { errors?: { field?: string }[] } | undefined)?.errors;
              if ((body as BodyCase).kind === 'malformed' || (body as BodyCase).kind === 'none') stats.malformedBody400 += 1;
              else {
                stats.validation400 += 1;
                if (Array.isArray(errors) && errors.length > 0 && errors.every((e) => typeof e.field === 'string')) stats.validation400NamingField += 1;
              }
            }
            if (result.status >= 400) {
              stats.partialWriteChecks += 1;
              const after = await rowCounts(sys.postgres, DATABASES[name as keyof typeof DATABASES], BACKGROUND_TABLES[name]);
              const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
              if (changed.length > 0) findings.push({ service: name, request: `${endpoint.method} ${url}`, status: result.status, problem: `partial write after a refusal: ${changed.map((t) => `${t} ${before[t]}→${after[t]}`).join(', ')}` });
            }
            if (problem) findings.push({ service: name, request: `${endpoint.method} ${url} ${JSON.stringify(sent)?.slice(0, 200)}`, status: result.status, problem });
            return true; // findings are collected, not thrown: one run reports every endpoint
          }),
          { numRuns: RUNS, seed: Number(process.env['FUZZ_SEED'] ?? Date.now() % 2 ** 31) },
        );
      }
    }
    const result = { finishedAt: new Date().toISOString(), durationMs: Date.now() - started, runsPerEndpoint: RUNS, ...stats, findings: findings.length, findingList: findings.slice(0, 50) };
    fs.mkdirSync(path.join(CHAOS_HOME, 'results'), { recursive: true });
    fs.writeFileSync(path.join(CHAOS_HOME, 'results', 'fuzz-latest.json'), JSON.stringify(result, null, 2));
    log(`fuzz result: ${JSON.stringify(result, null, 2)}`);
    expect(findings).toEqual([]);
  });
});
