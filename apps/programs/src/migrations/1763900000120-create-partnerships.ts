import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePartnerships1763900000120 implements MigrationInterface {
  name = 'CreatePartnerships1763900000120';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE partnerships (
        id                       uuid PRIMARY KEY,
        managed_by               text NOT NULL CHECK (length(managed_by) BETWEEN 1 AND 100),
        us_community_name        text NOT NULL CHECK (length(us_community_name) BETWEEN 1 AND 200),
        us_community_kind        text NOT NULL CHECK (us_community_kind IN ('city', 'county', 'state')),
        us_state                 char(2) NOT NULL CHECK (us_state ~ '^[A-Z]{2}$'),
        partner_community_name   text NOT NULL CHECK (length(partner_community_name) BETWEEN 1 AND 200),
        partner_country          char(2) NOT NULL CHECK (partner_country ~ '^[A-Z]{2}$' AND partner_country <> 'US'),
        established_on           date,
        focus_areas              text[] NOT NULL DEFAULT '{}'
          CHECK (focus_areas <@ ARRAY['arts-culture', 'youth-education', 'economic-development', 'municipal-technical', 'humanitarian']::text[]),
        status                   text NOT NULL CHECK (status IN ('proposed', 'active', 'inactive', 'ended')),
        us_association_id        uuid REFERENCES organisations (id),
        partner_association_id   uuid REFERENCES organisations (id),
        version                  integer NOT NULL DEFAULT 1,
        created_at               timestamptz NOT NULL DEFAULT now(),
        updated_at               timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT partnerships_two_associations CHECK (us_association_id IS NULL OR us_association_id <> partner_association_id),
        -- The same pair of communities is one partnership, however often it is entered.
        CONSTRAINT partnerships_pair_unique UNIQUE (us_community_name, us_state, partner_community_name, partner_country)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE partnerships`);
  }
}
