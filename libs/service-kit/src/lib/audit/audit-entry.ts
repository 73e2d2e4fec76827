import { REDACTED_FIELDS } from '../logging/logging';
import type { Principal } from '../security/principal';

/** What happened to an entity. `status-changed` is kept apart from `updated` because coordinators ask for it on its own. */
export const AUDIT_ACTIONS = ['created', 'updated', 'status-changed', 'deleted'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One changed field's values. Absent for private fields: the entry says *that* they changed, never to what. */
export interface AuditFieldChange {
  from?: unknown;
  to?: unknown;
}

/** Which fields changed, and the values of those that are safe to keep. */
export interface AuditChanges {
  changedFields: string[];
  /** Keyed by field name; only non-private fields appear. */
  values: Record<string, AuditFieldChange>;
}

/** Who made a change: a token's subject and roles, or a named piece of system work (a consumer, a timer). */
export interface AuditActor {
  id: string;
  roles: string[];
}

/** What a use case hands the audit trail, inside its transaction. */
export interface NewAuditEntry {
  /** The tenant the entity belongs to (from the row, like an envelope's organisationId). */
  organisationId: string;
  entityType: string;
  entityId: string;
  action: AuditAction;
  changes?: AuditChanges;
  /** Defaults to the caller of the current request (TenantContext), else `system`. */
  actor?: AuditActor;
}

/** One stored entry, as the API returns it. */
export interface AuditEntry {
  id: string;
  organisationId: string;
  actor: string;
  actorRoles: string[];
  entityType: string;
  entityId: string;
  action: AuditAction;
  changedFields: string[];
  changes: Record<string, AuditFieldChange>;
  correlationId: string | null;
  occurredAt: string;
}

export const SYSTEM_ACTOR: AuditActor = { id: 'system', roles: [] };

const REDACTED = '[redacted]';
const ALWAYS_PRIVATE = new Set(REDACTED_FIELDS.map((field) => field.toLowerCase()));

/**
 * Decides what of a change may be written down. The audit log is read by every coordinator
 * of the organisation and kept for good, so it holds no more than the logs may: values of
 * fields named in REDACTED_FIELDS (e-mail, phone, dietary and accessibility notes, secrets…),
 * and of the service's own private fields (e.g. a participant's gender), are never kept, at
 * any depth; their names are.
 */
export class AuditChangeSet {
  private readonly privateFields: Set<string>;

  constructor(privateFields: readonly string[] = []) {
    this.privateFields = new Set([...ALWAYS_PRIVATE, ...privateFields.map((field) => field.toLowerCase())]);
  }

  isPrivate(field: string): boolean {
    return this.privateFields.has(field.toLowerCase());
  }

  /**
   * Compares `fields` of the entity before and after. `before` null is a creation (the fields
   * that were set), `after` null a deletion (the fields it had). Values compare as JSON, so
   * arrays and nested objects (legs, contacts) are equal when their content is.
   */
  describe<T extends object>(before: T | null, after: T | null, fields: readonly (keyof T & string)[]): AuditChanges {
    const changes: AuditChanges = { changedFields: [], values: {} };
    for (const field of fields) {
      const from = before ? normalise(before[field]) : undefined;
      const to = after ? normalise(after[field]) : undefined;
      if (before && after && JSON.stringify(from) === JSON.stringify(to)) continue;
      // A creation lists what was set, a deletion what was held; empty fields say nothing.
      if (!before && isEmpty(to)) continue;
      if (!after && isEmpty(from)) continue;
      changes.changedFields.push(field);
      if (this.isPrivate(field)) continue;
      changes.values[field] = {
        ...(before ? { from: this.redact(from) } : {}),
        ...(after ? { to: this.redact(to) } : {}),
      };
    }
    return changes;
  }

  /** A value with every private key inside it (a contact's e-mail in a list) censored. */
  redact(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => this.redact(item));
    if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, this.isPrivate(key) ? REDACTED : this.redact(inner)]));
    }
    return value;
  }
}

/** The actor of a request's principal: its subject and roles. */
export function actorOf(principal: Principal | null): AuditActor {
  return principal ? { id: principal.subject, roles: [...principal.roles] } : SYSTEM_ACTOR;
}

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value === undefined ? null : value;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}
