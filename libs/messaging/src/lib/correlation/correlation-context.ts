import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface CorrelationScope {
  correlationId: string;
  /** The event being handled, when the work was caused by an event rather than a request. */
  causationId: string | null;
}

const storage = new AsyncLocalStorage<CorrelationScope>();

/**
 * Carries the correlation id from an HTTP request or a consumed event to every
 * event written and every log line, without threading it through signatures.
 */
export const CorrelationContext = {
  run<T>(scope: CorrelationScope, fn: () => T): T {
    return storage.run(scope, fn);
  },
  current(): CorrelationScope | undefined {
    return storage.getStore();
  },
  /** The current scope, or a fresh one for work that started on its own (a timer, a script). */
  currentOrNew(): CorrelationScope {
    return storage.getStore() ?? { correlationId: randomUUID(), causationId: null };
  },
};

export const CORRELATION_HEADER = 'x-correlation-id';
