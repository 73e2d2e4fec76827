import fc from 'fast-check';
import type { ChaosPostgres } from './infrastructure';
import type { HttpResult } from './traffic';

type Schema = Record<string, unknown>;
interface OpenApi {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Endpoint {
  method: string;
  path: string;
  pathParams: string[];
  query: { name: string; schema: Schema }[];
  headers: string[];
  body: Schema | undefined;
}

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];

export function writeEndpoints(doc: OpenApi): Endpoint[] {
  const endpoints: Endpoint[] = [];
  for (const [route, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      if (!WRITE_METHODS.includes(method)) continue;
      const parameters = op.parameters ?? [];
      endpoints.push({
        method: method.toUpperCase(),
        path: route,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        headers: parameters.filter((p) => p.in === 'header').map((p) => p.name.toLowerCase()),
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return endpoints;
}

function resolve(doc: OpenApi, schema: Schema): Schema {
  let current = schema;
  for (let depth = 0; depth < 10 && typeof current['$ref'] === 'string'; depth++) {
    current = doc.components?.schemas?.[(current['$ref'] as string).split('/').pop() as string] ?? {};
  }
  if (Array.isArray(current['allOf']) && current['allOf'].length === 1) return resolve(doc, current['allOf'][0] as Schema);
  return current;
}

const STRING_FORMATS: Record<string, fc.Arbitrary<string>> = {
  uuid: fc.uuid(),
  email: fc.emailAddress(),
  'date-time': fc.date({ min: new Date('2026-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  date: fc.date({ min: new Date('2026-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
};

/** Values that fit the documented schema (the service may still refuse them by business rules). */
export function valid(doc: OpenApi, raw: Schema, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(doc, raw);
  if (Array.isArray(schema['enum']) && schema['enum'].length > 0) return fc.constantFrom(...(schema['enum'] as unknown[]));
  if (Array.isArray(schema['oneOf']) || Array.isArray(schema['anyOf'])) {
    const options = ((schema['oneOf'] ?? schema['anyOf']) as Schema[]).map((s) => valid(doc, s, depth + 1));
    return fc.oneof(...options);
  }
  const type = schema['type'] ?? (schema['properties'] ? 'object' : undefined);
  switch (type) {
    case 'string': {
      const format = STRING_FORMATS[schema['format'] as string];
      if (format) return format;
      if (schema['example'] !== undefined) return fc.oneof(fc.constant(String(schema['example'])), fc.string({ minLength: 1, maxLength: Number(schema['maxLength'] ?? 40) }));
      return fc.string({ minLength: Number(schema['minLength'] ?? 1), maxLength: Math.min(Number(schema['maxLength'] ?? 40), 200) });
    }
    case 'integer':
    case 'number':
      return fc.integer({ min: Number(schema['minimum'] ?? 0), max: Number(schema['maximum'] ?? 1000) });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 4 ? fc.constant([]) : fc.array(valid(doc, (schema['items'] as Schema) ?? {}, depth + 1), { maxLength: 3 });
    case 'object': {
      if (depth > 4) return fc.constant({});
      const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
      const required = (schema['required'] ?? []) as string[];
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(properties)) model[name] = valid(doc, property, depth + 1);
      return fc.record(model, { requiredKeys: required.filter((r) => r in model) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const WRONG: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.string({ maxLength: 20 }),
  fc.string({ minLength: 5000, maxLength: 6000 }),
  fc.constant(''),
  fc.constant('not-a-uuid'),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
  fc.constant('1e999'),
  fc.constant('\u0000\ud800'),
  fc.constant('<script>alert(1)</script>'),
  fc.constant("'; DROP TABLE outbox; --"),
);

/** The services parse JSON strictly (objects and arrays only): a bare `null`, number or string is a malformed body, a 400 without fields. */
const isDocument = (value: unknown) => typeof value === 'object' && value !== null;

export type BodyCase = { kind: 'valid' | 'mutated' | 'any-json' | 'malformed' | 'none'; body: unknown };

/** Bodies: documented ones, documented ones with one field broken/removed/added, arbitrary JSON, broken JSON, nothing. */
export function bodies(doc: OpenApi, endpoint: Endpoint): fc.Arbitrary<BodyCase> {
  if (!endpoint.body) return fc.oneof(fc.constant<BodyCase>({ kind: 'none', body: undefined }), fc.jsonValue({ maxDepth: 2 }).map<BodyCase>((body) => ({ kind: isDocument(body) ? 'any-json' : 'malformed', body })));
  const base = valid(doc, endpoint.body);
  const mutated = fc.tuple(base, fc.nat(), WRONG, fc.constantFrom('replace', 'delete', 'add')).map<BodyCase>(([value, n, wrong, how]) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { kind: isDocument(wrong) ? 'mutated' : 'malformed', body: wrong };
    const copy = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(copy);
    const schemaKeys = Object.keys((resolve(doc, endpoint.body as Schema)['properties'] ?? {}) as object);
    if (how === 'add' || keys.length === 0) copy[`unexpected_${n % 7}`] = wrong;
    else if (how === 'delete') delete copy[schemaKeys[n % schemaKeys.length] ?? keys[0]];
    else copy[schemaKeys[n % schemaKeys.length] ?? keys[n % keys.length]] = wrong;
    return { kind: 'mutated', body: copy };
  });
  return fc.oneof(
    { weight: 3, arbitrary: base.map<BodyCase>((body) => ({ kind: 'valid', body })) },
    { weight: 4, arbitrary: mutated },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map<BodyCase>((body) => ({ kind: isDocument(body) ? 'any-json' : 'malformed', body })) },
    { weight: 1, arbitrary: fc.constantFrom<BodyCase>({ kind: 'malformed', body: '{"a": ' }, { kind: 'malformed', body: '[1,2' }, { kind: 'malformed', body: 'null x' }, { kind: 'none', body: undefined }) },
  );
}

export function pathValue(known: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: known.length > 0 ? fc.constantFrom(...known) : fc.uuid() },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom('not-a-uuid', '0', '%00', '..%2F..', 'ffffffff-ffff-ffff-ffff-ffffffffffffx', 'a'.repeat(300)) },
  );
}

export const HEADER_VALUES: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    'if-match': fc.constantFrom('"1"', 'W/"1"', '1', '"2"', '"999999"', '"-1"', 'abc', '""', '*', '"1", "2"'),
    'content-type': fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded'),
    'x-correlation-id': fc.oneof(fc.string({ maxLength: 30 }).filter((s) => /^[\x20-\x7e]*$/.test(s)), fc.constant('x'.repeat(2000))),
    'accept-language': fc.constantFrom('ar', 'es-MX', 'zz', '*'),
  },
  { requiredKeys: [] },
);

export interface FuzzFinding {
  service: string;
  request: string;
  status: number;
  problem: string;
}

export interface FuzzStats {
  requests: number;
  byStatus: Record<string, number>;
  authRefusals: number;
  validation400: number;
  validation400NamingField: number;
  malformedBody400: number;
  partialWriteChecks: number;
  endpoints: number;
}

/** What a 4xx must look like: problem+json; a validation 400 (a JSON body was parsed) names each bad field. */
export function judge(result: HttpResult, bodyKind: BodyCase['kind']): string | undefined {
  if (result.status === 0) return `no answer: ${result.text.slice(0, 200)}`;
  if (result.status >= 500) return `${result.status} ${result.text.slice(0, 300)}`;
  if (result.status < 400) return undefined;
  const type = result.headers.get('content-type') ?? '';
  if (!type.startsWith('application/problem+json')) return `${result.status} with content-type ${type}`;
  const problem = result.body as { status?: number; title?: string; errors?: { field?: string }[] } | undefined;
  if (!problem || typeof problem !== 'object' || problem.status !== result.status || !problem.title) return `${result.status} problem document without status/title: ${result.text.slice(0, 200)}`;
  if (result.status === 400 && Array.isArray(problem.errors) && problem.errors.some((e) => typeof e.field !== 'string')) return `400 whose errors[] do not each name a field: ${result.text.slice(0, 300)}`;
  if (result.status === 400 && bodyKind !== 'malformed' && bodyKind !== 'none' && !Array.isArray(problem.errors) && !(problem as { code?: string }).code) {
    return `400 for a parsed body without errors[] naming the field (nor a typed code): ${result.text.slice(0, 300)}`;
  }
  return undefined;
}

/** Exact row counts of a service's own tables (not its inbox nor what its consumers project from other services). */
export async function rowCounts(postgres: ChaosPostgres, database: string, exclude: string[]): Promise<Record<string, number>> {
  const tables = (
    await postgres.query<{ table_name: string }>(database, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`)
  )
    .map((t) => t.table_name)
    .filter((t) => !exclude.includes(t) && !t.includes('migration'));
  if (tables.length === 0) return {};
  const [row] = await postgres.query<Record<string, string>>(database, `SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t}")::text AS "${t}"`).join(', ')}`);
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}
