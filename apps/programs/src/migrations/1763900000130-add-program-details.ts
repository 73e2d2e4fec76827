import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddProgramDetails1763900000130 implements MigrationInterface {
  name = 'AddProgramDetails1763900000130';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE programs
        ADD COLUMN objectives           text[] NOT NULL DEFAULT '{}',
        ADD COLUMN host_organisation_id uuid REFERENCES organisations (id),
        ADD COLUMN partnership_id       uuid REFERENCES partnerships (id),
        ADD COLUMN status_reason        text,
        -- A cancellation always says why.
        ADD CONSTRAINT programs_cancellation_has_reason CHECK (status <> 'cancelled' OR status_reason IS NOT NULL)`);
    await queryRunner.query(`CREATE INDEX programs_start_idx ON programs (start_date, id)`);
    await queryRunner.query(`CREATE INDEX programs_partnership_idx ON programs (partnership_id) WHERE partnership_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE program_co_hosts (
        program_id      uuid NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        PRIMARY KEY (program_id, organisation_id)
      )`);
    await queryRunner.query(`CREATE INDEX program_co_hosts_organisation_idx ON program_co_hosts (organisation_id)`);
    await queryRunner.query(`
      CREATE TABLE program_legs (
        id                         uuid PRIMARY KEY,
        program_id                 uuid NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
        position                   integer NOT NULL CHECK (position >= 0),
        city                       text NOT NULL CHECK (length(city) BETWEEN 1 AND 200),
        time_zone                  text NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
        start_date                 date NOT NULL,
        end_date                   date NOT NULL,
        local_host_organisation_id uuid REFERENCES organisations (id),
        CONSTRAINT program_legs_dates_ordered CHECK (end_date >= start_date),
        CONSTRAINT program_legs_position_unique UNIQUE (program_id, position)
      )`);
    await queryRunner.query(`CREATE INDEX program_legs_host_idx ON program_legs (local_host_organisation_id) WHERE local_host_organisation_id IS NOT NULL`);
    // Legs lie inside their program's dates. A CHECK cannot look at another table, so a
    // deferred constraint trigger checks both sides at commit: a leg written alone, and a
    // program whose dates moved away from its legs.
    await queryRunner.query(`
      CREATE FUNCTION program_legs_inside_program() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        program_id_to_check uuid;
      BEGIN
        -- Separate statements: plpgsql resolves NEW's fields per statement, and each table has only one of them.
        IF TG_TABLE_NAME = 'programs' THEN
          program_id_to_check := NEW.id;
        ELSE
          program_id_to_check := NEW.program_id;
        END IF;
        IF EXISTS (
          SELECT 1 FROM program_legs l JOIN programs p ON p.id = l.program_id
          WHERE p.id = program_id_to_check AND (l.start_date < p.start_date OR l.end_date > p.end_date)
        ) THEN
          RAISE EXCEPTION 'a leg of program % lies outside its dates', program_id_to_check USING ERRCODE = 'check_violation', CONSTRAINT = 'program_legs_inside_program';
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER program_legs_inside_program AFTER INSERT OR UPDATE ON program_legs
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION program_legs_inside_program()`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER programs_legs_inside_program AFTER UPDATE OF start_date, end_date ON programs
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION program_legs_inside_program()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER programs_legs_inside_program ON programs`);
    await queryRunner.query(`DROP TABLE program_legs`);
    await queryRunner.query(`DROP FUNCTION program_legs_inside_program()`);
    await queryRunner.query(`DROP TABLE program_co_hosts`);
    await queryRunner.query(`ALTER TABLE programs DROP COLUMN status_reason, DROP COLUMN partnership_id, DROP COLUMN host_organisation_id, DROP COLUMN objectives`);
  }
}
