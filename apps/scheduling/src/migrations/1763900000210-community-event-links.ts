import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Community events on itineraries (issue 5): which agenda item stands for which
 * (community event, program) pair, and items recorded but not booked because
 * they would break a conflict rule.
 */
export class CommunityEventLinks1763900000210 implements MigrationInterface {
  name = 'CommunityEventLinks1763900000210';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Set when an item was recorded without booking anyone (a community event that conflicts):
    // { rule, conflictingItemId, participantId, resourceId, message }. A successful booking clears it.
    await queryRunner.query(`ALTER TABLE agenda_items ADD COLUMN booking_conflict jsonb`);
    // Community-events venues come with a free-text address, not a structured one.
    await queryRunner.query(`ALTER TABLE resources ADD COLUMN street_address text CHECK (street_address IS NULL OR length(street_address) <= 500)`);
    await queryRunner.query(`
      CREATE TABLE community_event_links (
        event_id       uuid NOT NULL,
        program_id     uuid NOT NULL,
        item_id        uuid REFERENCES agenda_items (id),
        state          text NOT NULL CHECK (state IN ('linked', 'unlinked', 'event-cancelled', 'program-not-known', 'program-cancelled')),
        event_version  integer NOT NULL,
        snapshot       jsonb NOT NULL,
        organisation_id text NOT NULL,
        updated_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, program_id)
      )`);
    await queryRunner.query(`CREATE INDEX community_event_links_program_idx ON community_event_links (program_id) WHERE state = 'program-not-known'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE community_event_links`);
    await queryRunner.query(`ALTER TABLE resources DROP COLUMN street_address`);
    await queryRunner.query(`ALTER TABLE agenda_items DROP COLUMN booking_conflict`);
  }
}
