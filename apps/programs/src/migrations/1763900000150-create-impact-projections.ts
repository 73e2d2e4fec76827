import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Projections of other services' events that the impact reports count. No foreign
 * keys to programs: these rows are copies of what scheduling and community-events
 * published, and refusing one because of local state would dead-letter a valid event.
 * Kinds and statuses are not CHECKed for the same reason: the contract validates them,
 * and a new kind in a later contract must not break the projection.
 */
export class CreateImpactProjections1763900000150 implements MigrationInterface {
  name = 'CreateImpactProjections1763900000150';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE schedule_items (
        item_id        uuid PRIMARY KEY,
        program_id     uuid NOT NULL,
        kind           text NOT NULL,
        title          text NOT NULL,
        status         text NOT NULL,
        starts_at      timestamptz NOT NULL,
        ends_at        timestamptz NOT NULL,
        resource_id    uuid,
        resource_name  text,
        version        integer NOT NULL CHECK (version >= 1),
        last_event_id  uuid NOT NULL,
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX schedule_items_program_idx ON schedule_items (program_id)`);
    await queryRunner.query(`CREATE INDEX schedule_items_resource_idx ON schedule_items (resource_id) WHERE resource_id IS NOT NULL`);
    // One row per (registration, program): a party is counted once per program however
    // often its check-in is delivered, even under a new envelope id.
    await queryRunner.query(`
      CREATE TABLE community_check_ins (
        registration_id     uuid NOT NULL,
        program_id          uuid NOT NULL,
        community_event_id  uuid NOT NULL,
        party_size          integer NOT NULL CHECK (party_size >= 1),
        checked_in_at       timestamptz NOT NULL,
        event_id            uuid NOT NULL,
        PRIMARY KEY (registration_id, program_id)
      )`);
    await queryRunner.query(`CREATE INDEX community_check_ins_program_idx ON community_check_ins (program_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE community_check_ins`);
    await queryRunner.query(`DROP TABLE schedule_items`);
  }
}
