import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { EventCatalog, Topics } from '@diplomacy/contracts';
import { createServiceApp, serviceAppOptions, serviceModule } from '@diplomacy/service-kit';
import type { ServiceApp } from '@diplomacy/service-kit';
import { TopicRecorder, freshDatabase, testInfrastructure, testTokens } from '@diplomacy/testing';
import { ProgramsService } from '../src/programs.service';

const validProgram = () => ({
  organisationId: 'kansas-city-council',
  title: 'Digital government: a ministerial delegation',
  kind: 'international-visitor',
  theme: 'Digital public services',
  startDate: '2027-03-08',
  endDate: '2027-03-11',
});

describe('programs HTTP API (real Postgres, real Kafka)', () => {
  let service: ServiceApp;
  let dataSource: DataSource;
  let recorder: TopicRecorder;

  beforeAll(async () => {
    const databaseUrl = await freshDatabase('programs_api_test');
    const config = ProgramsService.loadConfig({
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: testInfrastructure().kafkaBrokers.join(','),
      LOG_LEVEL: 'warn',
      OUTBOX_POLL_INTERVAL_MS: '100',
    });
    service = await createServiceApp(serviceModule(ProgramsService, config), serviceAppOptions(ProgramsService, config));
    await service.app.init();
    dataSource = service.app.get(DataSource);
    recorder = await TopicRecorder.start([Topics.programs]);
  });

  /** As the home organisation's coordinator. */
  const http = () => {
    const agent = request(service.app.getHttpServer());
    return {
      get: (url: string) => agent.get(url).set('Authorization', `Bearer ${testTokens.coordinator}`),
      post: (url: string) => agent.post(url).set('Authorization', `Bearer ${testTokens.coordinator}`),
    };
  };

  afterAll(async () => {
    await recorder?.stop();
    await service?.shutdown('test end');
  });

  async function counts() {
    const [row] = await dataSource.query('SELECT (SELECT count(*) FROM programs)::int AS programs, (SELECT count(*) FROM outbox)::int AS outbox');
    return row as { programs: number; outbox: number };
  }

  it('creates a program in draft and publishes a valid program.created keyed by its id', async () => {
    const response = await http().post('/programs').set('x-correlation-id', 'create-1').send(validProgram()).expect(201);
    expect(response.body).toMatchObject({ ...validProgram(), status: 'draft', version: 1 });
    const id = response.body.id as string;

    const messages = await recorder.waitFor((all) => all.some((m) => m.key === id));
    const message = messages.find((m) => m.key === id)!;
    const parsed = new EventCatalog().parse(message.value);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.envelope).toMatchObject({ type: 'program.created', version: 1, producer: 'programs', key: id, organisationId: 'kansas-city-council', correlationId: 'create-1', causationId: null });
    expect(message.headers['event-type']).toBe('program.created');
    expect(message.headers['correlation-id']).toBe('create-1');

    await http().get(`/programs/${id}`).expect(200).expect((res) => expect(res.body.title).toBe(validProgram().title));
  });

  it.each([
    ['a missing title', { title: undefined }, 'title'],
    ['an unknown kind', { kind: 'picnic' }, 'kind'],
    ['a malformed date', { startDate: '2027-02-30T00:00' }, 'startDate'],
    ['an end before the start', { endDate: '2027-03-01' }, 'endDate'],
    ['an unknown field', { budget: 1000 }, 'budget'],
    ['an over-long title', { title: 'x'.repeat(301) }, 'title'],
  ])('answers %s with 400 problem+json naming the field, and writes nothing', async (_case, change, field) => {
    const before = await counts();
    const response = await http().post('/programs').send({ ...validProgram(), ...change }).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it('answers a body that is not JSON with 400 problem+json', async () => {
    const response = await http().post('/programs').set('content-type', 'application/json').send('{"title": ').expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('answers an unknown program with 404 and a malformed id with 400 naming id', async () => {
    await http().get(`/programs/${randomUUID()}`).expect(404).expect('content-type', /problem\+json/);
    const bad = await http().get('/programs/42').expect(400);
    expect(bad.body.errors[0].field).toBe('id');
  });

  it('describes every route in its OpenAPI document', () => {
    expect(Object.keys(service.openApi.paths).sort()).toEqual([
      '/audit',
      '/health/live',
      '/health/ready',
      '/impact/years/{year}',
      '/organisations',
      '/organisations/{id}',
      '/organisations/{id}/history',
      '/organisations/{id}/impact',
      '/partnerships',
      '/partnerships/{id}',
      '/partnerships/{id}/exchanges',
      '/partnerships/{id}/impact',
      '/programs',
      '/programs/{id}',
      '/programs/{id}/impact',
      '/programs/{id}/participants',
      '/programs/{id}/participants/{participantId}',
      '/programs/{id}/transitions',
    ]);
    // Every operation says what it answers, beyond the default.
    for (const [path, operations] of Object.entries(service.openApi.paths)) {
      for (const [method, operation] of Object.entries(operations as Record<string, { responses?: Record<string, unknown> }>)) {
        if (path.startsWith('/health')) continue;
        expect(Object.keys(operation.responses ?? {}).length).toBeGreaterThan(1);
        expect(`${method} ${path}`).toBeTruthy();
      }
    }
  });
});
