import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePrograms1763900000100 implements MigrationInterface {
  name = 'CreatePrograms1763900000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE programs (
        id              uuid PRIMARY KEY,
        organisation_id text NOT NULL,
        title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        kind            text NOT NULL CHECK (kind IN ('international-visitor', 'sister-city-exchange', 'youth-exchange', 'professional-fellowship', 'conference')),
        status          text NOT NULL CHECK (status IN ('draft', 'planned', 'confirmed', 'in-progress', 'completed', 'cancelled')),
        theme           text,
        start_date      date NOT NULL,
        end_date        date NOT NULL,
        version         integer NOT NULL DEFAULT 1,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT programs_dates_ordered CHECK (end_date >= start_date)
      )`);
    await queryRunner.query(`CREATE INDEX programs_organisation_idx ON programs (organisation_id, start_date, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE programs`);
  }
}
