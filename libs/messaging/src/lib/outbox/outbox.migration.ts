import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox and inbox tables every service carries. Rows are ordered by `id`;
 * writers take a per-key advisory lock before inserting, so for one key the id
 * order is also the commit order (see OutboxWriter).
 */
export class CreateMessagingTables1763900000000 implements MigrationInterface {
  name = 'CreateMessagingTables1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox (
        id            bigserial PRIMARY KEY,
        event_id      uuid        NOT NULL UNIQUE,
        event_type    text        NOT NULL,
        topic         text        NOT NULL,
        partition_key text        NOT NULL,
        envelope      jsonb       NOT NULL,
        headers       jsonb       NOT NULL DEFAULT '{}'::jsonb,
        created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
        published_at  timestamptz,
        CONSTRAINT outbox_published_after_created CHECK (published_at IS NULL OR published_at >= created_at)
      )`);
    await queryRunner.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE published_at IS NULL`);
    await queryRunner.query(`CREATE INDEX outbox_published_at_idx ON outbox (published_at) WHERE published_at IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE inbox (
        consumer     text        NOT NULL,
        event_id     uuid        NOT NULL,
        event_type   text        NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE inbox`);
    await queryRunner.query(`DROP TABLE outbox`);
  }
}

/**
 * A row the broker refused for good (too large for the topic after all, an invalid topic) is set
 * aside instead of blocking every row behind it: `set_aside_at` and the broker's reason are kept,
 * the row leaves the pending index, and the relay goes on. docs/runbooks/outbox-backlog.md says
 * how an operator repairs and replays one.
 */
export class OutboxSetAside1764700000000 implements MigrationInterface {
  name = 'OutboxSetAside1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbox ADD COLUMN set_aside_at timestamptz, ADD COLUMN set_aside_reason text`);
    await queryRunner.query(`ALTER TABLE outbox ADD CONSTRAINT outbox_set_aside_has_reason CHECK ((set_aside_at IS NULL) = (set_aside_reason IS NULL))`);
    await queryRunner.query(`ALTER TABLE outbox ADD CONSTRAINT outbox_set_aside_unpublished CHECK (set_aside_at IS NULL OR published_at IS NULL)`);
    await queryRunner.query(`DROP INDEX outbox_pending_idx`);
    await queryRunner.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE published_at IS NULL AND set_aside_at IS NULL`);
    await queryRunner.query(`CREATE INDEX outbox_set_aside_idx ON outbox (id) WHERE set_aside_at IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX outbox_set_aside_idx`);
    await queryRunner.query(`DROP INDEX outbox_pending_idx`);
    await queryRunner.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE published_at IS NULL`);
    await queryRunner.query(`ALTER TABLE outbox DROP CONSTRAINT outbox_set_aside_unpublished, DROP CONSTRAINT outbox_set_aside_has_reason`);
    await queryRunner.query(`ALTER TABLE outbox DROP COLUMN set_aside_reason, DROP COLUMN set_aside_at`);
  }
}

export const MESSAGING_MIGRATIONS = [CreateMessagingTables1763900000000, OutboxSetAside1764700000000];
