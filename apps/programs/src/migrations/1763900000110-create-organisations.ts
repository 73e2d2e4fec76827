import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrganisations1763900000110 implements MigrationInterface {
  name = 'CreateOrganisations1763900000110';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organisations (
        id              uuid PRIMARY KEY,
        managed_by      text NOT NULL CHECK (length(managed_by) BETWEEN 1 AND 100),
        name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        kind            text NOT NULL CHECK (kind IN ('host-council', 'resource-organisation', 'sister-city-association', 'national-program-agency')),
        resource_type   text CHECK (resource_type IN ('company', 'university', 'police-department', 'election-board', 'library', 'non-profit', 'government-office')),
        address_line1   text,
        address_line2   text,
        city            text NOT NULL CHECK (length(city) BETWEEN 1 AND 200),
        region          text,
        postal_code     text,
        country         char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        time_zone       text NOT NULL,
        version         integer NOT NULL DEFAULT 1,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        -- Only resource organisations say what kind of resource they are, and they must.
        CONSTRAINT organisations_resource_type_iff_resource CHECK ((kind = 'resource-organisation') = (resource_type IS NOT NULL))
      )`);
    // The list endpoint's keyset: (name, id) in byte order, so the cursor comparison and the sort agree.
    await queryRunner.query(`CREATE INDEX organisations_name_idx ON organisations ((name COLLATE "C"), id)`);
    await queryRunner.query(`
      CREATE TABLE organisation_contacts (
        id                 uuid PRIMARY KEY,
        organisation_id    uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        position           integer NOT NULL CHECK (position >= 0),
        name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        role               text NOT NULL CHECK (length(role) BETWEEN 1 AND 200),
        email              text,
        phone              text,
        preferred_language text,
        CONSTRAINT organisation_contacts_position_unique UNIQUE (organisation_id, position)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE organisation_contacts`);
    await queryRunner.query(`DROP TABLE organisations`);
  }
}
