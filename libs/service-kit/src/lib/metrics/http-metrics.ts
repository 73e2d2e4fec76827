import type { NextFunction, Request, Response } from 'express';
import type { Histogram } from 'prom-client';
import type { ServiceMetrics } from './service-metrics';

export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Paths whose own requests are not measured: the scrape itself. */
const UNMEASURED = new Set(['/metrics']);

interface RoutedRequest {
  baseUrl?: string;
  route?: { path?: unknown };
}

/**
 * The route label: the matched route's pattern (`/programs/:id`), never the raw URL, so ids do
 * not create a series each. Requests no route matched (404s, scanners) share `unmatched`.
 */
export function routeLabel(request: RoutedRequest, middlewareRoute?: unknown): string {
  // Nest mounts middleware as a catch-all route; when nothing else matched, that route is still current.
  if (request.route === undefined || request.route === middlewareRoute) return 'unmatched';
  const path = request.route.path;
  if (typeof path !== 'string') return 'unmatched';
  const full = `${request.baseUrl ?? ''}${path}`;
  return full === '' ? '/' : full;
}

export function httpDurationHistogram(metrics: ServiceMetrics): Histogram<'method' | 'route' | 'status'> {
  return metrics.histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving an HTTP request to finishing its response, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'],
    buckets: HTTP_DURATION_BUCKETS,
  });
}

/** Express middleware: times every request until its response is finished (or the client went away). */
export function httpMetricsMiddleware(histogram: Histogram<'method' | 'route' | 'status'>) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (UNMEASURED.has(request.path)) return next();
    const started = process.hrtime.bigint();
    const middlewareRoute: unknown = (request as RoutedRequest).route;
    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      histogram.observe({ method: request.method, route: routeLabel(request, middlewareRoute), status: String(response.statusCode) }, seconds);
    };
    response.once('finish', record);
    response.once('close', record);
    next();
  };
}
