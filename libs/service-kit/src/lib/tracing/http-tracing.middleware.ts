import { SpanKind, SpanStatusCode, context as contextApi, trace } from '@opentelemetry/api';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE } from '@opentelemetry/semantic-conventions';
import type { NextFunction, Request, Response } from 'express';
import { extractTraceContext } from '@diplomacy/messaging';

/** The response header that tells a caller which trace its request belongs to (for a bug report, a log search). */
export const TRACE_ID_HEADER = 'x-trace-id';

// Probes and scrapes every few seconds would bury the traces that matter (the access log skips them too).
const UNTRACED = /^\/(health|metrics)(\/|$)/;

const tracer = trace.getTracer('@diplomacy/service-kit');

/**
 * One SERVER span per request. A valid `traceparent` from the caller is continued; a
 * missing or malformed one starts a new trace. The span is named after the route
 * template (`POST /agenda-items/:itemId/reschedule`), never the raw URL, whose path may
 * hold a secret (calendar feeds, self-service links). The rest of the request, events
 * written to the outbox included, runs inside it.
 */
export function httpTracingMiddleware(req: Request, res: Response, next: NextFunction): void {
  if (UNTRACED.test(req.path)) {
    next();
    return;
  }
  const parent = extractTraceContext(req.headers);
  const span = tracer.startSpan(req.method, { kind: SpanKind.SERVER }, parent);
  const { traceId } = span.spanContext();
  if (trace.isSpanContextValid(span.spanContext())) res.setHeader(TRACE_ID_HEADER, traceId);
  if (span.isRecording()) span.setAttribute(ATTR_HTTP_REQUEST_METHOD, req.method);
  res.once('close', () => {
    if (span.isRecording()) {
      // Express knows the matched route only once a handler ran; unmatched requests keep the method alone.
      const route = (req.route as { path?: unknown } | undefined)?.path;
      if (typeof route === 'string') {
        span.updateName(`${req.method} ${req.baseUrl}${route}`);
        span.setAttribute(ATTR_HTTP_ROUTE, `${req.baseUrl}${route}`);
      }
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      if (!res.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR, message: 'the client went away before the response was sent' });
    }
    span.end();
  });
  contextApi.with(trace.setSpan(parent, span), next);
}
