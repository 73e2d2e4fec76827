import type { NextFunction, Request, Response } from 'express';

const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
// The Swagger UI at /docs runs its own scripts and inline styles.
const DOCS_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

/**
 * The headers helmet would set, for a JSON API (helmet is not installed; see docs/security.md).
 * `Referrer-Policy: no-referrer` matters here: secret links must not leak through the Referer
 * of a page they lead to. Responses to authenticated requests are never cached.
 */
export function securityHeaders(request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Content-Security-Policy', /^\/docs(\/|$|-json)/.test(request.path) ? DOCS_POLICY : API_POLICY);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-site');
  response.setHeader('X-DNS-Prefetch-Control', 'off');
  response.setHeader('X-Permitted-Cross-Domain-Policies', 'none');
  response.setHeader('Origin-Agent-Cluster', '?1');
  if (request.headers.authorization !== undefined || /^\/registrations\/self\//.test(request.path)) response.setHeader('Cache-Control', 'no-store');
  next();
}
