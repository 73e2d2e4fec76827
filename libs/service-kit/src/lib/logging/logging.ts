import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { trace } from '@opentelemetry/api';
import type { Params } from 'nestjs-pino';
import { CORRELATION_HEADER, CorrelationContext } from '@diplomacy/messaging';

/**
 * Field names that hold private data or secrets. They are censored wherever
 * they appear in a logged object, so a careless `logger.info(dto)` cannot leak them.
 */
export const REDACTED_FIELDS = [
  // Secrets
  'password',
  'token',
  'secret',
  'authorization',
  'cookie',
  'accessToken',
  'refreshToken',
  'idToken',
  'apiKey',
  'clientSecret',
  'privateKey',
  'webhookSecret',
  'signingSecret',
  'selfServiceToken',
  'tokenHash',
  // Private fields of people
  'email',
  'phone',
  'dietaryNotes',
  'accessibilityNotes',
  'accessibilityNeeds',
  'passportNumber',
  'dateOfBirth',
  // A registrant as events carry it: name and contact details together.
  'registrant',
];

/**
 * Secret links (self-service registrations, calendar feeds) carry their secret in the
 * path; logs keep the route, never the secret.
 */
const SECRET_PATHS = /(\/registrations\/self\/|\/calendar\/)[^/?#]+/g;
/** Secrets some clients put in the query string (`?access_token=`, `?token=`). */
const SECRET_QUERY = /([?&](?:access_token|id_token|token|secret|key|api_key|signature)=)[^&#]*/gi;

export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(SECRET_PATHS, '$1[redacted]').replace(SECRET_QUERY, '$1[redacted]');
}

/** Things that look like a secret or an address wherever they sit in free text. */
const TEXT_PATTERNS: [RegExp, string][] = [
  // JWTs (three base64url parts, the first a JSON header: "eyJ").
  [/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[redacted-jwt]'],
  [/(Bearer\s+)[^\s"',]+/gi, '$1[redacted]'],
  // SecretToken's shape: 43 base64url characters standing alone.
  [/(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g, '[redacted-secret]'],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, '[redacted-email]'],
];

/** Scrubs message text: a secret or an email that slipped into a log message (an error's message, an interpolated URL) never reaches the log. */
export function redactText(text: string): string {
  let result = redactUrl(text) ?? text;
  for (const [pattern, replacement] of TEXT_PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

export function redactPaths(): string[] {
  return [
    'req.headers.authorization',
    'req.headers.cookie',
    'res.headers["set-cookie"]',
    ...REDACTED_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
  ];
}

export function pinoParams(serviceName: string, level: string): Params {
  return {
    pinoHttp: {
      level,
      base: { service: serviceName },
      messageKey: 'msg',
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      redact: { paths: redactPaths(), censor: '[redacted]' },
      // Field names are redacted above; message text is scrubbed here.
      hooks: {
        logMethod(args: unknown[], method: (...args: unknown[]) => void) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg)));
        },
      },
      // Every line, HTTP or Kafka, says which user action it belongs to, and which trace and
      // span (the OpenTelemetry log field names, so a log backend links each line to its trace).
      mixin: () => {
        const scope = CorrelationContext.current();
        const span = trace.getActiveSpan()?.spanContext();
        return {
          ...(scope ? { correlationId: scope.correlationId, causationId: scope.causationId ?? undefined } : {}),
          ...(span && trace.isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {}),
        };
      },
      genReqId: (req: IncomingMessage) => CorrelationContext.current()?.correlationId ?? String(req.headers[CORRELATION_HEADER] ?? randomUUID()),
      serializers: {
        // Headers and bodies stay out of access logs: they carry tokens and personal data.
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      // Probes and scrapes every few seconds would drown the access log.
      autoLogging: { ignore: (req: IncomingMessage) => /^\/(health|metrics)(\/|$|\?)/.test(req.url ?? '') },
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    },
  };
}
