import type { BenchEnvironment } from './environment';

/** Which way is better for a metric: the ratio is always system ÷ baseline. */
export type Direction = 'lower-is-better' | 'higher-is-better';

export interface Metric {
  /** e.g. "create → projection p99". */
  metric: string;
  unit: 'ms' | 's' | 'events/s' | 'req/s' | 'count';
  direction: Direction;
  system: number;
  /** null when the flow has no meaningful raw counterpart (the table shows "—"). */
  baseline: number | null;
  /** What the baseline column measured, e.g. "kafkajs send → consume". */
  baselineLabel?: string;
}

export interface ScenarioResult {
  scenario: string;
  title: string;
  /** The sizes and rates actually used, so a result can be read without the code. */
  parameters: Record<string, unknown>;
  metrics: Metric[];
  /** Anything a reader needs to interpret the figures (resolution, caveats, error counts). */
  notes: string[];
  durationMs: number;
}

/**
 * A benchmark scenario. A new one is a file in bench/src/scenarios that exports
 * one of these and is listed in scenarios/index.ts; the runner does the rest
 * (infrastructure, builds, processes, clean-up, reporting).
 *
 * `run` throws only when the harness itself breaks (an event never arrives, a
 * service does not start); slow figures are results, never failures.
 */
export interface Scenario {
  name: string;
  title: string;
  /** Built services the scenario starts (the runner builds them once, up front). */
  services: string[];
  run(env: BenchEnvironment): Promise<Omit<ScenarioResult, 'scenario' | 'title' | 'durationMs'>>;
}

export class HarnessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HarnessError';
  }
}
