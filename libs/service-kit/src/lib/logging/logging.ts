import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { CORRELATION_HEADER, CorrelationContext } from '@diplomacy/messaging';

/**
 * Field names that hold private data or secrets. They are censored wherever
 * they appear in a logged object, so a careless `logger.info(dto)` cannot leak them.
 */
export const REDACTED_FIELDS = [
  'password',
  'token',
  'secret',
  'authorization',
  'email',
  'phone',
  'dietaryNotes',
  'accessibilityNotes',
  'accessibilityNeeds',
];

/**
 * Secret links (self-service registrations, calendar feeds) carry their secret in the
 * path; logs keep the route, never the secret.
 */
const SECRET_PATHS = /(\/registrations\/self\/|\/calendar\/)[^/?#]+/g;

export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(SECRET_PATHS, '$1[redacted]');
}

export function redactPaths(): string[] {
  return [
    'req.headers.authorization',
    'req.headers.cookie',
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
      // Every line, HTTP or Kafka, says which user action it belongs to.
      mixin: () => {
        const scope = CorrelationContext.current();
        return scope ? { correlationId: scope.correlationId, causationId: scope.causationId ?? undefined } : {};
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
