import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenancy (issue 7): every row a caller can address names its organisation, so each query is
 * scoped by construction (docs/security.md). Agenda items and calendar feeds copy their
 * program's organisation (a program never changes organisation), so a single-table condition
 * scopes them; resources get an owner of their own. Participants, attendance and bookings
 * stay scoped through their program or item.
 */
export class SchedulingTenancy1763900000220 implements MigrationInterface {
  name = 'SchedulingTenancy1763900000220';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE agenda_items ADD COLUMN organisation_id text`);
    await queryRunner.query(`UPDATE agenda_items i SET organisation_id = p.organisation_id FROM scheduled_programs p WHERE p.program_id = i.program_id`);
    await queryRunner.query(`ALTER TABLE agenda_items ALTER COLUMN organisation_id SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX agenda_items_organisation_idx ON agenda_items (organisation_id, program_id)`);

    await queryRunner.query(`ALTER TABLE calendar_feeds ADD COLUMN organisation_id text`);
    await queryRunner.query(`UPDATE calendar_feeds f SET organisation_id = p.organisation_id FROM scheduled_programs p WHERE p.program_id = f.program_id`);
    await queryRunner.query(`ALTER TABLE calendar_feeds ALTER COLUMN organisation_id SET NOT NULL`);

    // A resource belongs to the organisation whose items book it. One that nothing books yet
    // has no owner to infer: it is left to platform admins ('unassigned' matches no
    // organisation's token), rather than guessed into some council's list.
    await queryRunner.query(`ALTER TABLE resources ADD COLUMN organisation_id text`);
    await queryRunner.query(`
      UPDATE resources r SET organisation_id = (
        SELECT i.organisation_id FROM agenda_items i WHERE i.venue_id = r.id OR i.resource_id = r.id ORDER BY i.created_at LIMIT 1)`);
    await queryRunner.query(`UPDATE resources SET organisation_id = 'unassigned' WHERE organisation_id IS NULL`);
    await queryRunner.query(`ALTER TABLE resources ALTER COLUMN organisation_id SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX resources_organisation_idx ON resources (organisation_id)`);

    await queryRunner.query(`CREATE INDEX scheduled_programs_organisation_idx ON scheduled_programs (organisation_id)`);
    // The contact rule reads a resource's items (docs/scheduling.md, Who may call what).
    await queryRunner.query(`CREATE INDEX agenda_items_venue_idx ON agenda_items (venue_id) WHERE venue_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX agenda_items_resource_idx ON agenda_items (resource_id) WHERE resource_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of ['agenda_items_resource_idx', 'agenda_items_venue_idx', 'scheduled_programs_organisation_idx', 'resources_organisation_idx', 'agenda_items_organisation_idx']) {
      await queryRunner.query(`DROP INDEX ${index}`);
    }
    for (const table of ['resources', 'calendar_feeds', 'agenda_items']) await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN organisation_id`);
  }
}
