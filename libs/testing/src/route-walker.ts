import type { Server } from 'node:http';
import request from 'supertest';

/**
 * The four callers every route is tried with (issue 7): nobody, a caller of the wrong role,
 * the right role in another organisation, and the right caller.
 */
export const PROBES = ['none', 'wrongRole', 'otherTenant', 'right'] as const;
export type Probe = (typeof PROBES)[number];
type AuthenticatedProbe = Exclude<Probe, 'none'>;

/** One request of a probe: values for the path's `{params}`, and what else it sends. */
export interface ProbeRequest {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What the table says about one route. */
export interface RouteExpectation<TokenName extends string> {
  /** The status each probe must get. */
  expect: Record<Probe, number>;
  /** Which named token each authenticated probe sends, where the walk's defaults do not fit this route. */
  as?: Partial<Record<AuthenticatedProbe, TokenName>>;
  /**
   * Builds the request for one probe, called once per probe so writes get fresh fixtures
   * (a publish needs a draft each time). Omit for routes without parameters or body.
   */
  request?: (probe: Probe) => ProbeRequest | Promise<ProbeRequest>;
  /** Why the expectation is what it is, when that is not obvious (shown in failures). */
  note?: string;
}

/** Keys are `METHOD /path/{param}` exactly as the OpenAPI document names the route. */
export type RouteTable<TokenName extends string> = Record<string, RouteExpectation<TokenName>>;

/** The part of an OpenAPI document the walk reads (Nest's OpenAPIObject is one). */
export interface OpenApiLike {
  paths: Record<string, object>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
type Method = (typeof METHODS)[number];

/** Every operation of an OpenAPI document as `METHOD /path`, sorted. */
export function documentedRoutes(openApi: OpenApiLike, exclude?: RegExp): string[] {
  return Object.entries(openApi.paths)
    .flatMap(([path, item]) => Object.keys(item).filter((key): key is Method => (METHODS as readonly string[]).includes(key)).map((method) => `${method.toUpperCase()} ${path}`))
    .filter((route) => !exclude?.test(route))
    .sort();
}

/** Routes the document has and the table lacks, and table entries for routes that no longer exist. */
export function compareWithTable(openApi: OpenApiLike, table: RouteTable<string>, exclude?: RegExp): { missingFromTable: string[]; notInDocument: string[] } {
  const documented = documentedRoutes(openApi, exclude);
  const listed = Object.keys(table).sort();
  return { missingFromTable: documented.filter((r) => !listed.includes(r)), notInDocument: listed.filter((r) => !documented.includes(r)) };
}

export interface ProbeOutcome {
  status: number;
  /** Error answers must be problem+json; false when one was not. */
  problemJson: boolean;
}

/** Sends one probe to a route and returns what came back. */
export async function sendProbe(server: Server, route: string, token: string | null, probeRequest: ProbeRequest): Promise<ProbeOutcome> {
  const [method, template] = route.split(' ') as [string, string];
  const url = template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = probeRequest.params?.[name];
    if (value === undefined) throw new Error(`${route}: the table's request gives no value for {${name}}`);
    return encodeURIComponent(value);
  });
  let call = request(server)[method.toLowerCase() as Method](url);
  if (token !== null) call = call.set('Authorization', `Bearer ${token}`);
  for (const [name, value] of Object.entries(probeRequest.headers ?? {})) call = call.set(name, value);
  if (probeRequest.query) call = call.query(probeRequest.query);
  if (probeRequest.body !== undefined) call = call.send(probeRequest.body as object);
  const response = await call;
  return { status: response.status, problemJson: response.status < 400 || /application\/problem\+json/.test(response.headers['content-type'] ?? '') };
}

export interface RouteWalkOptions<TokenName extends string> {
  title?: string;
  table: RouteTable<TokenName>;
  /**
   * The token each authenticated probe sends unless a route says otherwise. Default: the
   * testTokens names viewer (wrong role), otherCoordinator (other tenant), coordinator (right).
   */
  defaults?: Record<AuthenticatedProbe, TokenName>;
  tokens: Record<TokenName, string>;
  /** Routes outside the walk, as a pattern over `METHOD /path`. Default: health probes, metrics and docs. */
  exclude?: RegExp;
  /** The running service; called when the tests run, after the suite's beforeAll. */
  service: () => { server: Server; openApi: OpenApiLike };
}

/**
 * Defines the generated route-walking tests of one service: one test that the table covers
 * exactly the routes of the service's OpenAPI document (a new route without an entry fails),
 * and one test per route that sends the four probes and compares every status with the table.
 * Call it inside a describe whose beforeAll starts the service.
 */
export function describeRouteWalk<TokenName extends string>(walk: RouteWalkOptions<TokenName>): void {
  // Read field by field, not spread: `tokens` may be a getter that only works once the suite's beforeAll has run.
  const title = walk.title ?? 'every route × {no token, wrong role, other tenant, right token}';
  // Names of testTokens (@diplomacy/testing); a route whose callers differ says so in its entry's `as`.
  const defaults = walk.defaults ?? ({ wrongRole: 'viewer', otherTenant: 'otherCoordinator', right: 'coordinator' } as Record<AuthenticatedProbe, TokenName>);
  const exclude = walk.exclude ?? /^[A-Z]+ \/(health|metrics|docs)(\/|$)/;
  describe(title, () => {
    it('has an entry for every route of the OpenAPI document, and no entry for a route that is gone', () => {
      expect(compareWithTable(walk.service().openApi, walk.table, exclude)).toEqual({ missingFromTable: [], notInDocument: [] });
    });

    it.each(Object.keys(walk.table).sort())('%s answers each caller as the table says', async (route) => {
      const entry = walk.table[route];
      const { server } = walk.service();
      const actual = {} as Record<Probe, number>;
      const notProblemJson: Probe[] = [];
      for (const probe of PROBES) {
        const token = probe === 'none' ? null : walk.tokens[entry.as?.[probe] ?? defaults[probe]];
        const outcome = await sendProbe(server, route, token, (await entry.request?.(probe)) ?? {});
        actual[probe] = outcome.status;
        if (!outcome.problemJson) notProblemJson.push(probe);
      }
      expect({ route, statuses: actual, notProblemJson }).toEqual({ route, statuses: entry.expect, notProblemJson: [] });
    });
  });
}
