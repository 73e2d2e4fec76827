import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { CorrelationContext } from '@diplomacy/messaging';
import { TenantContext } from '../security/tenant-context';
import { tenantSql } from '../security/tenant-scoped.repository';
import { actorOf } from './audit-entry';
import type { AuditAction, AuditEntry, AuditFieldChange, NewAuditEntry } from './audit-entry';

/** What a coordinator can narrow the log by; every read is also limited to their organisation. */
export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actor?: string;
  /** Entries at or after this instant. */
  from?: Date;
  /** Entries before this instant. */
  to?: Date;
}

interface AuditRow {
  id: string;
  organisation_id: string;
  actor: string;
  actor_roles: string[];
  entity_type: string;
  entity_id: string;
  action: AuditAction;
  changed_fields: string[];
  changes: Record<string, AuditFieldChange>;
  correlation_id: string | null;
  occurred_at: Date;
}

/**
 * Who changed what and when. `record()` writes an entry with the transaction's own entity
 * manager, so the change and its entry commit together or not at all (the same rule as the
 * outbox: a use case calls it inside `UnitOfWork.run`). `list()` reads the current tenant's
 * entries only, newest first.
 */
@Injectable()
export class AuditTrail {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, entry: NewAuditEntry): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditTrail.record must run inside the transaction that writes the change');
    }
    // A write that changed nothing is not history.
    if (entry.action === 'updated' && entry.changes && entry.changes.changedFields.length === 0) return;
    const actor = entry.actor ?? actorOf(TenantContext.principal());
    await manager.query(
      `INSERT INTO audit_log (organisation_id, actor, actor_roles, entity_type, entity_id, action, changed_fields, changes, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        entry.organisationId,
        actor.id,
        actor.roles,
        entry.entityType,
        entry.entityId,
        entry.action,
        entry.changes?.changedFields ?? [],
        JSON.stringify(entry.changes?.values ?? {}),
        CorrelationContext.current()?.correlationId ?? null,
      ],
    );
  }

  /** One page, newest first, below the entry `beforeId` when continuing. */
  async list(filter: AuditFilter, limit: number, beforeId: string | null): Promise<AuditEntry[]> {
    const params: unknown[] = [];
    const where = [tenantSql('organisation_id', params)];
    const add = (condition: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    if (filter.entityType) add((p) => `entity_type = ${p}`, filter.entityType);
    if (filter.entityId) add((p) => `entity_id = ${p}`, filter.entityId);
    if (filter.actor) add((p) => `actor = ${p}`, filter.actor);
    if (filter.from) add((p) => `occurred_at >= ${p}`, filter.from);
    if (filter.to) add((p) => `occurred_at < ${p}`, filter.to);
    if (beforeId) add((p) => `id < ${p}::bigint`, beforeId);
    params.push(limit);
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT id::text AS id, organisation_id, actor, actor_roles, entity_type, entity_id, action, changed_fields, changes, correlation_id, occurred_at
         FROM audit_log WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      organisationId: r.organisation_id,
      actor: r.actor,
      actorRoles: r.actor_roles,
      entityType: r.entity_type,
      entityId: r.entity_id,
      action: r.action,
      changedFields: r.changed_fields,
      changes: r.changes,
      correlationId: r.correlation_id,
      occurredAt: new Date(r.occurred_at).toISOString(),
    }));
  }
}
