import type { QueryRunner } from 'typeorm';

/**
 * The audit_log table, for each service to create in its own migrations (its database, its
 * migration order):
 *
 *   export class CreateAuditLog1763900000190 implements MigrationInterface {
 *     name = 'CreateAuditLog1763900000190';
 *     up = (runner: QueryRunner) => createAuditLogTable(runner);
 *     down = (runner: QueryRunner) => dropAuditLogTable(runner);
 *   }
 *
 * Postgres itself keeps the log honest: every row names its organisation (NOT NULL, not
 * empty), and a trigger refuses UPDATE, DELETE and TRUNCATE, so not even a bug (or a
 * well-meant clean-up script) in the service can rewrite history.
 */
export const AUDIT_LOG_UP: readonly string[] = [
  `CREATE TABLE audit_log (
     id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     organisation_id text        NOT NULL CHECK (organisation_id <> ''),
     actor           text        NOT NULL CHECK (actor <> ''),
     actor_roles     text[]      NOT NULL DEFAULT '{}',
     entity_type     text        NOT NULL,
     entity_id       text        NOT NULL,
     action          text        NOT NULL CHECK (action IN ('created', 'updated', 'status-changed', 'deleted')),
     changed_fields  text[]      NOT NULL DEFAULT '{}',
     changes         jsonb       NOT NULL DEFAULT '{}'::jsonb,
     correlation_id  text,
     occurred_at     timestamptz NOT NULL DEFAULT clock_timestamp()
   )`,
  // The reads: an organisation's newest entries, optionally of one entity.
  `CREATE INDEX audit_log_organisation_idx ON audit_log (organisation_id, id DESC)`,
  `CREATE INDEX audit_log_entity_idx ON audit_log (organisation_id, entity_type, entity_id, id DESC)`,
  `CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
   END
   $$`,
  `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,
  `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`,
];

export const AUDIT_LOG_DOWN: readonly string[] = [`DROP TABLE audit_log`, `DROP FUNCTION audit_log_refuse_change()`];

export async function createAuditLogTable(runner: QueryRunner): Promise<void> {
  for (const statement of AUDIT_LOG_UP) await runner.query(statement);
}

export async function dropAuditLogTable(runner: QueryRunner): Promise<void> {
  for (const statement of AUDIT_LOG_DOWN) await runner.query(statement);
}
