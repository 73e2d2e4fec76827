import { ServiceMetrics } from './service-metrics';
import { routeLabel } from './http-metrics';
import { outboxReading } from './operational-metrics';

describe('ServiceMetrics', () => {
  it('registers counters services can increment, labelled with the service', async () => {
    const metrics = new ServiceMetrics({ serviceName: 'notifications', defaultMetrics: false });
    const sent = metrics.counter({ name: 'notifications_sent_total', help: 'sent', labelNames: ['channel'] });
    sent.inc({ channel: 'email' });
    sent.inc({ channel: 'email' });
    const { contentType, body } = await metrics.render();
    expect(contentType).toContain('text/plain');
    expect(body).toContain('# TYPE notifications_sent_total counter');
    expect(body).toContain('notifications_sent_total{channel="email",service="notifications"} 2');
  });

  it('returns the existing metric when a name is registered again, and refuses another type or a bad name', () => {
    const metrics = new ServiceMetrics({ serviceName: 's', defaultMetrics: false });
    const first = metrics.counter({ name: 'x_total', help: 'x' });
    expect(metrics.counter({ name: 'x_total', help: 'x' })).toBe(first);
    expect(() => metrics.gauge({ name: 'x_total', help: 'x' })).toThrow('already registered as another type');
    expect(() => metrics.counter({ name: 'notifications-sent', help: 'x' })).toThrow('not a valid Prometheus metric name');
  });

  it('keeps one registry per application (two apps in one process do not collide)', async () => {
    const a = new ServiceMetrics({ serviceName: 'a', defaultMetrics: true });
    const b = new ServiceMetrics({ serviceName: 'b', defaultMetrics: true });
    a.counter({ name: 'only_in_a_total', help: 'x' });
    expect((await a.render()).body).toContain('only_in_a_total');
    expect((await b.render()).body).not.toContain('only_in_a_total');
    expect((await b.render()).body).toContain('process_cpu_user_seconds_total{service="b"}');
  });
});

describe('routeLabel', () => {
  it('is the route pattern, with the router mount point, never the raw path', () => {
    expect(routeLabel({ route: { path: '/programs/:id' }, baseUrl: '' })).toBe('/programs/:id');
    expect(routeLabel({ route: { path: '/:id' }, baseUrl: '/api/programs' })).toBe('/api/programs/:id');
  });

  it('is "unmatched" when no route matched', () => {
    expect(routeLabel({})).toBe('unmatched');
    expect(routeLabel({ route: {} })).toBe('unmatched');
    const catchAll = { path: '/{*path}' };
    expect(routeLabel({ route: catchAll }, catchAll)).toBe('unmatched');
  });
});

describe('outboxReading', () => {
  it('reads count and age, whatever types the driver returns', () => {
    expect(outboxReading([{ pending: 3, oldest_age_seconds: '12.5', set_aside: 2 }])).toEqual({ pending: 3, oldestAgeSeconds: 12.5, setAside: 2 });
    expect(outboxReading([{ pending: '0', oldest_age_seconds: 0, set_aside: '0' }])).toEqual({ pending: 0, oldestAgeSeconds: 0, setAside: 0 });
    expect(outboxReading([])).toEqual({ pending: 0, oldestAgeSeconds: 0, setAside: 0 });
  });
});
