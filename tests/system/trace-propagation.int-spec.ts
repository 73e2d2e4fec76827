import { randomBytes, randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { eventually, freePort, testTokens } from '@diplomacy/testing';
import type { BuiltService } from '@diplomacy/testing';
import { startService } from './service-process';

/**
 * Issue 10, tracing: one trace from an HTTP request to the email it caused, over the real
 * broker and databases. A reschedule goes into scheduling with a known `traceparent`; the
 * spans scheduling and notifications export (to an OTLP/HTTP receiver in this process)
 * must form one chain: the request, the outbox write, the consumer handling the event, the
 * delivery of the email the SMTP server here received, and the notification.sent event.
 * Programs runs without an OTLP endpoint: it must export nothing, yet still answer with a
 * trace id (the default: ids propagated and logged, nothing sent).
 */

interface ExportedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  links: { traceId: string; spanId: string }[];
}

// OTLP SpanKind numbers (opentelemetry/proto trace.proto).
const SPAN_KIND = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 } as const;

/** OTLP/JSON writes ids as hex; the protobuf-to-JSON mapping would write base64. Either way: hex. */
const hexId = (id: unknown): string => {
  const text = String(id ?? '');
  return /^[0-9a-fA-F]*$/.test(text) ? text.toLowerCase() : Buffer.from(text, 'base64').toString('hex');
};

type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
const valueOf = (value: OtlpValue): unknown => value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : (value.boolValue ?? value.doubleValue));
const attributesOf = (list: { key: string; value: OtlpValue }[] | undefined): Record<string, unknown> => Object.fromEntries((list ?? []).map((a) => [a.key, valueOf(a.value)]));

/** A minimal OTLP/HTTP JSON receiver: what a collector would get. */
async function startOtlpReceiver(): Promise<{ url: string; spans: ExportedSpan[]; requests: { contentType: string | undefined }[]; close(): Promise<void> }> {
  const spans: ExportedSpan[] = [];
  const requests: { contentType: string | undefined }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ contentType: req.headers['content-type'] });
      if (req.method !== 'POST' || req.url !== '/v1/traces' || !String(req.headers['content-type']).includes('json')) {
        res.writeHead(415).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      for (const resourceSpans of body.resourceSpans ?? []) {
        const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name']);
        for (const scope of resourceSpans.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) {
            spans.push({
              service,
              traceId: hexId(span.traceId),
              spanId: hexId(span.spanId),
              parentSpanId: hexId(span.parentSpanId),
              name: span.name,
              kind: span.kind,
              attributes: attributesOf(span.attributes),
              links: (span.links ?? []).map((link: { traceId: string; spanId: string }) => ({ traceId: hexId(link.traceId), spanId: hexId(link.spanId) })),
            });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, spans, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function startSmtpSink(): Promise<{ url: string; mails: { to: string[]; raw: string }[]; close(): Promise<void> }> {
  const mails: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Every call as the home organisation's coordinator, whether or not the service enforces tokens yet. */
async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${testTokens.coordinator}`, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The status, or the problem+json that explains why not. */
async function expectStatus(response: Response, status: number): Promise<void> {
  if (response.status !== status) throw new Error(`${response.url}: ${response.status} instead of ${status}: ${await response.text()}`);
}

describe('one trace from an HTTP request to the email it caused', () => {
  let otlp: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let programs: BuiltService;
  let scheduling: BuiltService;
  let notifications: BuiltService;

  beforeAll(async () => {
    [otlp, smtp] = await Promise.all([startOtlpReceiver(), startSmtpSink()]);
    // Own consumer groups starting at the end of the shared topics: nobody else's history, nobody else disturbed.
    const consumer = (name: string) => ({ KAFKA_CONSUMER_GROUP: `system-trace-${name}-${randomUUID()}`, KAFKA_CONSUMER_FROM_BEGINNING: 'false' });
    const tracing = { OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url, OTEL_BSP_SCHEDULE_DELAY: '100' };
    [programs, scheduling, notifications] = await Promise.all([
      startService('programs', { OTEL_EXPORTER_OTLP_ENDPOINT: '' }),
      startService('scheduling', { ...consumer('scheduling'), ...tracing }),
      startService('notifications', { ...consumer('notifications'), ...tracing, SMTP_URL: smtp.url, DISPATCH_POLL_INTERVAL_MS: '100', LOG_LEVEL: 'debug' }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([programs?.stop(), scheduling?.stop(), notifications?.stop()]);
    await Promise.all([otlp?.close(), smtp?.close()]);
  });

  it('carries the caller’s trace id from the reschedule request through Kafka to the email and its notification.sent event', async () => {
    // Setup through the public APIs: a program, a participant who reads email, an agenda item she attends.
    const created = await call('POST', `${programs.baseUrl}/programs`, {
      organisationId: 'kansas-city-council',
      title: 'Tracing a reschedule',
      kind: 'international-visitor',
      startDate: '2027-04-12',
      endDate: '2027-04-16',
    });
    await expectStatus(created, 201);
    // Without an OTLP endpoint the service still names the trace of each request.
    expect(created.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{32}$/);
    const program = (await created.json()) as { id: string };
    const email = `amina.${randomUUID().slice(0, 8)}@example.org`;
    const added = await call('POST', `${programs.baseUrl}/programs/${program.id}/participants`, {
      name: 'Amina Otieno',
      country: 'KE',
      role: 'delegate',
      email,
      languages: ['en'],
      preferredLanguage: 'en',
      notificationChannels: ['email'],
    });
    await expectStatus(added, 201);
    const participant = (await added.json()) as { id: string };

    // Scheduling knows the program and the participant once it consumed their events.
    let item: { itemId: string } = { itemId: '' };
    let etag = '';
    await eventually(async () => {
      const scheduled = await call('POST', `${scheduling.baseUrl}/programs/${program.id}/agenda-items`, {
        kind: 'workshop-panel',
        title: 'Open data panel',
        startsAt: '2027-04-13T15:00:00Z',
        endsAt: '2027-04-13T16:00:00Z',
        timeZone: 'America/Chicago',
        // Tentative: nobody is told of it yet, so the only email is the one the reschedule causes.
        attendees: { wholeDelegation: false, participantIds: [participant.id] },
      });
      await expectStatus(scheduled, 201);
      item = (await scheduled.json()) as { itemId: string };
      etag = scheduled.headers.get('etag') ?? '';
    }, 30_000, 250);
    // And notifications knows where to write to her.
    await eventually(async () => {
      const recipient = await call('GET', `${notifications.baseUrl}/recipients/${participant.id}`);
      await expectStatus(recipient, 200);
    }, 30_000, 250);

    // The request under test, as part of a trace its caller already started.
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const moved = await call('POST', `${scheduling.baseUrl}/agenda-items/${item.itemId}/reschedule`, { startsAt: '2027-04-13T17:00:00Z', endsAt: '2027-04-13T18:00:00Z' }, {
      'if-match': etag,
      traceparent: `00-${traceId}-${callerSpanId}-01`,
    });
    await expectStatus(moved, 200);
    expect(moved.headers.get('x-trace-id')).toBe(traceId);

    // The spans of its whole journey are in one trace, each the child of the one before.
    const inTrace = (predicate: (span: ExportedSpan) => boolean) => otlp.spans.find((span) => span.traceId === traceId && predicate(span));
    const find = (description: string, predicate: (span: ExportedSpan) => boolean): ExportedSpan => {
      const span = inTrace(predicate);
      if (!span) throw new Error(`no span: ${description}; in the trace: ${otlp.spans.filter((s) => s.traceId === traceId).map((s) => `${s.service}/${s.name}`).join(', ')}`);
      return span;
    };
    await eventually(() => {
      const request = find('the reschedule request', (s) => s.service === 'scheduling' && s.kind === SPAN_KIND.server);
      expect(request.name).toBe('POST /agenda-items/:itemId/reschedule');
      expect(request.parentSpanId).toBe(callerSpanId);
      expect(request.attributes['http.response.status_code']).toBe(200);

      const create = find('the outbox write', (s) => s.service === 'scheduling' && s.name === 'create scheduling.schedule-changes');
      expect(create.kind).toBe(SPAN_KIND.producer);
      expect(create.parentSpanId).toBe(request.spanId);
      expect(create.attributes['diplomacy.event.type']).toBe('agenda-item.rescheduled');
      const eventId = create.attributes['messaging.message.id'];

      const processed = find('the consumer', (s) => s.service === 'notifications' && s.name === 'process scheduling.schedule-changes');
      expect(processed.kind).toBe(SPAN_KIND.consumer);
      expect(processed.parentSpanId).toBe(create.spanId);
      expect(processed.attributes['messaging.message.id']).toBe(eventId);

      const deliver = find('the email delivery', (s) => s.service === 'notifications' && s.name === 'deliver email');
      expect(deliver.parentSpanId).toBe(processed.spanId);
      // It is the email the SMTP server received: the notification id is its Message-ID.
      const mail = smtp.mails.find((m) => m.raw.includes(`<${String(deliver.attributes['notification.id'])}@`));
      expect(mail?.to).toEqual([email]);
      expect(mail?.raw).toMatch(/Subject: .*Open data panel/);

      const sent = find('the notification.sent event', (s) => s.service === 'notifications' && s.name === 'create notifications.events' && s.parentSpanId === deliver.spanId);
      expect(sent.kind).toBe(SPAN_KIND.producer);
      expect(sent.attributes['diplomacy.event.type']).toBe('notification.sent');

      // The relay's batch is a trace of its own, linked to the outbox write it carried.
      const relayed = otlp.spans.find((s) => s.service === 'scheduling' && s.name === 'send scheduling.schedule-changes' && s.links.some((link) => link.spanId === create.spanId));
      expect(relayed?.kind).toBe(SPAN_KIND.client);
      expect(relayed?.links).toContainEqual({ traceId, spanId: create.spanId });
    }, 60_000, 200);

    // The log lines of the consumer's work carry the trace id next to the correlation id.
    const consumerLines = notifications.logLines().filter((line) => line['trace_id'] === traceId);
    expect(consumerLines.map((line) => String(line['msg']))).toContainEqual(expect.stringContaining('handled agenda-item.rescheduled'));
    expect(consumerLines.every((line) => typeof line['correlationId'] === 'string')).toBe(true);
    const requestLine = scheduling.logLines().find((line) => line['trace_id'] === traceId && line['msg'] === 'request completed');
    expect(requestLine).toBeDefined();

    // Programs has no endpoint configured: it sent nothing at all.
    expect(otlp.spans.filter((span) => span.service === 'programs')).toEqual([]);
    expect(otlp.requests.every((r) => r.contentType?.includes('json'))).toBe(true);
  });

  it('shuts down gracefully, flushing what is left', async () => {
    expect(await scheduling.stop()).toBe(0);
    expect(await notifications.stop()).toBe(0);
    expect(await programs.stop()).toBe(0);
  });
});
