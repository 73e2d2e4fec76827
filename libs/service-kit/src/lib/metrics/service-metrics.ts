import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CounterConfiguration, GaugeConfiguration, HistogramConfiguration, Metric } from 'prom-client';
import type { MetricsOptions } from './metrics.options';

/** Prometheus metric names: letters, digits, underscores and colons, not starting with a digit. */
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

type WithoutRegisters<T> = Omit<T, 'registers'>;

/**
 * The Prometheus registry of one application (not prom-client's global one, so several apps in
 * one process, as in tests, do not collide), and the way services add their own series:
 *
 * ```ts
 * constructor(@Inject(ServiceMetrics) metrics: ServiceMetrics) {
 *   this.sent = metrics.counter({ name: 'notifications_sent_total', help: 'Notifications sent', labelNames: ['channel'] });
 * }
 * // later: this.sent.inc({ channel: 'email' });
 * ```
 *
 * Registering the same name twice returns the metric registered first (a feature module may be
 * instantiated more than once in tests); registering it as another type throws.
 */
export class ServiceMetrics {
  readonly registry = new Registry();

  constructor(readonly options: Pick<MetricsOptions, 'serviceName' | 'defaultMetrics'>) {
    this.registry.setDefaultLabels({ service: options.serviceName });
    if (options.defaultMetrics) collectDefaultMetrics({ register: this.registry });
  }

  counter<L extends string>(config: WithoutRegisters<CounterConfiguration<L>>): Counter<L> {
    return this.register(config.name, Counter, () => new Counter<L>({ ...config, registers: [this.registry] }));
  }

  gauge<L extends string>(config: WithoutRegisters<GaugeConfiguration<L>>): Gauge<L> {
    return this.register(config.name, Gauge, () => new Gauge<L>({ ...config, registers: [this.registry] }));
  }

  histogram<L extends string>(config: WithoutRegisters<HistogramConfiguration<L>>): Histogram<L> {
    return this.register(config.name, Histogram, () => new Histogram<L>({ ...config, registers: [this.registry] }));
  }

  /** The text exposition format (what GET /metrics answers). */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private register<M extends Metric>(name: string, type: abstract new (...args: any[]) => unknown, create: () => M): M {
    if (!METRIC_NAME.test(name)) throw new Error(`"${name}" is not a valid Prometheus metric name`);
    const existing = this.registry.getSingleMetric(name);
    if (existing) {
      if (!(existing instanceof type)) throw new Error(`metric ${name} is already registered as another type`);
      return existing as M;
    }
    return create();
  }
}
