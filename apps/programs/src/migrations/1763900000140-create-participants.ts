import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateParticipants1763900000140 implements MigrationInterface {
  name = 'CreateParticipants1763900000140';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE participants (
        id                     uuid PRIMARY KEY,
        program_id             uuid NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
        name                   text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        country                char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        title                  text,
        organisation_name      text,
        role                   text NOT NULL CHECK (role IN ('delegate', 'delegation-lead', 'interpreter', 'escort', 'youth-participant', 'observer')),
        languages              text[] NOT NULL DEFAULT '{}',
        preferred_language     text,
        notification_channels  text[] NOT NULL DEFAULT '{}' CHECK (notification_channels <@ ARRAY['email', 'sms', 'whatsapp']::text[]),
        email                  text,
        phone                  text,
        -- Private: used for impact counts and by coordinators only, never on a topic or in a log.
        gender                 text CHECK (gender IN ('female', 'male', 'non-binary', 'self-described', 'prefer-not-to-say')),
        dietary_notes          text,
        accessibility_notes    text,
        version                integer NOT NULL DEFAULT 1,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT participants_preferred_language_spoken CHECK (preferred_language IS NULL OR preferred_language = ANY (languages)),
        CONSTRAINT participants_email_channel_has_email CHECK (NOT ('email' = ANY (notification_channels)) OR email IS NOT NULL),
        CONSTRAINT participants_phone_channels_have_phone CHECK (NOT (notification_channels && ARRAY['sms', 'whatsapp']::text[]) OR phone IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX participants_program_idx ON participants (program_id, created_at, id)`);
    await queryRunner.query(`CREATE INDEX participants_country_idx ON participants (country, program_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE participants`);
  }
}
