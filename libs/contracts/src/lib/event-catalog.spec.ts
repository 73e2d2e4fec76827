import { randomUUID } from 'node:crypto';
import { EventCatalog } from './event-catalog';
import { ProgramCreated } from './programs/program-events';

function envelope(overrides: Record<string, unknown> = {}, payload: Record<string, unknown> = {}) {
  const programId = randomUUID();
  return {
    id: randomUUID(),
    type: ProgramCreated.type,
    version: ProgramCreated.version,
    occurredAt: new Date().toISOString(),
    producer: 'programs',
    key: programId,
    organisationId: 'org-1',
    correlationId: 'corr-1',
    causationId: null,
    payload: {
      programId,
      organisationId: 'org-1',
      title: 'Digital government',
      kind: 'international-visitor',
      status: 'draft',
      theme: null,
      startDate: '2026-03-02',
      endDate: '2026-03-05',
      ...payload,
    },
    ...overrides,
  };
}

describe('EventCatalog', () => {
  const catalog = new EventCatalog();

  it('accepts a valid envelope and returns its definition', () => {
    const result = catalog.parse(JSON.stringify(envelope()));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.definition.topic).toBe('programs.events');
  });

  it('rejects bytes that are not JSON', () => {
    expect(catalog.parse('{not json')).toMatchObject({ ok: false, reason: 'malformed-json' });
    expect(catalog.parse(null)).toMatchObject({ ok: false, reason: 'malformed-json' });
  });

  it('rejects an envelope missing its id', () => {
    const { id: _id, ...rest } = envelope();
    const result = catalog.validate(rest);
    expect(result).toMatchObject({ ok: false, reason: 'invalid-envelope' });
    if (!result.ok) expect(result.detail).toContain('id');
  });

  it('rejects an unknown type or version', () => {
    expect(catalog.validate(envelope({ type: 'program.exploded' }))).toMatchObject({ ok: false, reason: 'unknown-event-type' });
    expect(catalog.validate(envelope({ version: 99 }))).toMatchObject({ ok: false, reason: 'unknown-event-type' });
  });

  it('rejects a payload that breaks its schema and names the field', () => {
    const result = catalog.validate(envelope({}, { kind: 'picnic' }));
    expect(result).toMatchObject({ ok: false, reason: 'invalid-payload' });
    if (!result.ok) expect(result.detail).toContain('/kind');
  });

  it('refuses two definitions of the same type and version', () => {
    expect(() => new EventCatalog([ProgramCreated as never, ProgramCreated as never])).toThrow(/defined twice/);
  });
});
