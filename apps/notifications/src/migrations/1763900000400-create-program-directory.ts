import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProgramDirectory1763900000400 implements MigrationInterface {
  name = 'CreateProgramDirectory1763900000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE program_directory (
        program_id      uuid PRIMARY KEY,
        organisation_id text NOT NULL,
        title           text NOT NULL,
        status          text NOT NULL,
        start_date      date NOT NULL,
        end_date        date NOT NULL,
        last_event_id   uuid NOT NULL,
        correlation_id  text NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE program_directory`);
  }
}
