/** Full run (`npm run test:chaos`) or the shortened CI run (`-- --ci` or CHAOS_PROFILE=ci). */
export interface ChaosProfile {
  name: 'full' | 'ci';
  /** Source events (rows of the three producing services' outboxes) the run must reach. */
  targetEvents: number;
  programs: number;
  communityEvents: number;
  capacity: number;
  concurrency: number;
  /** Write attempts per second (a pace the shared 2-core box sustains while faults are injected). */
  ratePerSecond: number;
  registrationShare: number;
  /** Fractions of the load at which notifications is killed with SIGKILL (then restarted). */
  killsAt: number[];
  rebalanceAt: number;
  brokerOutageAt: number;
  brokerOutageMs: number;
  postgresRestartAt: number;
  poisonAt: number[];
  drainTimeoutMs: number;
}

const FULL: ChaosProfile = {
  name: 'full',
  targetEvents: 10_000,
  programs: 30,
  communityEvents: 6,
  capacity: 40,
  concurrency: 8,
  ratePerSecond: 30,
  registrationShare: 0.15,
  killsAt: [0.1, 0.2, 0.3],
  rebalanceAt: 0.4,
  brokerOutageAt: 0.5,
  brokerOutageMs: 30_000,
  postgresRestartAt: 0.75,
  poisonAt: [0.05, 0.45, 0.85],
  drainTimeoutMs: 300_000,
};

const CI: ChaosProfile = {
  ...FULL,
  name: 'ci',
  targetEvents: 1_500,
  programs: 10,
  communityEvents: 3,
  capacity: 20,
  concurrency: 6,
  ratePerSecond: 20,
  killsAt: [0.15],
  rebalanceAt: 0.3,
  brokerOutageAt: 0.45,
  brokerOutageMs: 8_000,
  postgresRestartAt: 0.7,
  poisonAt: [0.1, 0.8],
  drainTimeoutMs: 150_000,
};

export function chaosProfile(): ChaosProfile {
  const profile = process.env['CHAOS_PROFILE'] === 'ci' ? CI : FULL;
  const events = Number(process.env['CHAOS_EVENTS'] ?? 0);
  return events > 0 ? { ...profile, targetEvents: events } : profile;
}

/** A service must be ready again within this long after a fault ends (issue 9). */
export const RECOVERY_LIMIT_MS = 15_000;
