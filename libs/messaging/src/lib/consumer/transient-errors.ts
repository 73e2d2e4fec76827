/**
 * Tells a failure of the infrastructure (the database restarting, a connection
 * dropped) from a failure of the message. The first will pass by itself: the
 * consumer waits and tries again for as long as it takes, without spending the
 * message's attempts. Only the second is retried a bounded number of times and
 * then dead-lettered; dead-lettering a valid event because Postgres restarted
 * would lose its effect.
 */
const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// Postgres SQLSTATE classes 08 (connection exception), 53 (insufficient resources),
// 57P (operator intervention: admin shutdown, crash shutdown, cannot connect now), 40001/40P01 (serialisation, deadlock).
const TRANSIENT_SQLSTATE = /^(08|53|57P0[1-3]|40001|40P01)/;
const TRANSIENT_MESSAGES = [
  /Connection terminated/i,
  /terminating connection/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Connection is not established/i,
];

export function isTransientInfrastructureError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const candidate = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof candidate.code === 'string' && (TRANSIENT_CODES.has(candidate.code) || TRANSIENT_SQLSTATE.test(candidate.code))) return true;
  if (typeof candidate.message === 'string' && TRANSIENT_MESSAGES.some((pattern) => pattern.test(candidate.message as string))) return true;
  // TypeORM wraps the driver's error; Error.cause chains others.
  return isTransientInfrastructureError(candidate.driverError, depth + 1) || isTransientInfrastructureError(candidate.cause, depth + 1);
}
