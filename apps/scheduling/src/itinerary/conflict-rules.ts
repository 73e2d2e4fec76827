/** The rules a write can break; the names appear in 409 problem documents as `rule`. */
export const CONFLICT_RULES = [
  'participant-double-booked',
  'travel-buffer',
  'resource-double-booked',
  'resource-unavailable',
  'venue-capacity',
] as const;
export type ConflictRule = (typeof CONFLICT_RULES)[number];

/** The rules Postgres enforces with exclusion constraints (the others are checked in code under the same locks). */
export type ExclusionRule = Extract<ConflictRule, 'participant-double-booked' | 'travel-buffer' | 'resource-double-booked'>;

/** Postgres reports which exclusion constraint refused a row (SQLSTATE 23P01); this says which rule that is. */
const CONSTRAINT_RULES: Record<string, ExclusionRule> = {
  attendance_no_overlap: 'participant-double-booked',
  attendance_travel_buffer_lead: 'travel-buffer',
  attendance_travel_buffer_trail: 'travel-buffer',
  resource_bookings_no_overlap: 'resource-double-booked',
};

export const EXCLUSION_VIOLATION = '23P01';
export const DEADLOCK_DETECTED = '40P01';

export interface PgErrorFacts {
  code?: string;
  constraint?: string;
}

/** TypeORM wraps the driver's error; the SQLSTATE and constraint name live on it (or on its driverError). */
export function pgErrorFacts(error: unknown): PgErrorFacts {
  const candidate = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  return { code: candidate?.driverError?.code ?? candidate?.code, constraint: candidate?.driverError?.constraint ?? candidate?.constraint };
}

export function ruleOfViolation(error: unknown): ExclusionRule | null {
  const facts = pgErrorFacts(error);
  if (facts.code !== EXCLUSION_VIOLATION || !facts.constraint) return null;
  return CONSTRAINT_RULES[facts.constraint] ?? null;
}

export function isDeadlock(error: unknown): boolean {
  return pgErrorFacts(error).code === DEADLOCK_DETECTED;
}
