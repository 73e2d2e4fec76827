import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which organisations know a recipient (issue 7). People come from other services' events and
 * are not owned by one tenant: a resource contact may meet delegations of two councils. A
 * recipient is visible to an organisation once one of its events introduced or notified them,
 * or it registered them (webhook subscribers). Backfilled from what the tables already say.
 */
export class RecipientOrganisations1763900000450 implements MigrationInterface {
  name = 'RecipientOrganisations1763900000450';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE recipient_organisations (
        recipient_id    uuid NOT NULL REFERENCES recipients (recipient_id) ON DELETE CASCADE,
        organisation_id text NOT NULL,
        PRIMARY KEY (recipient_id, organisation_id)
      )`);
    await queryRunner.query(`
      INSERT INTO recipient_organisations (recipient_id, organisation_id)
      SELECT recipient_id, organisation_id FROM notifications WHERE organisation_id IS NOT NULL
      UNION SELECT m.recipient_id, d.organisation_id FROM program_members m JOIN program_directory d USING (program_id)
      UNION SELECT recipient_id, managed_by FROM organisation_contacts
      UNION SELECT subscriber_id, organisation_id FROM webhook_subscribers WHERE organisation_id IS NOT NULL
      ON CONFLICT DO NOTHING`);
    // The inbox, unread count and delivery log of one organisation filter on it.
    await queryRunner.query(`CREATE INDEX notifications_organisation_recipient_idx ON notifications (organisation_id, recipient_id, created_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX notifications_organisation_recipient_idx`);
    await queryRunner.query(`DROP TABLE recipient_organisations`);
  }
}
