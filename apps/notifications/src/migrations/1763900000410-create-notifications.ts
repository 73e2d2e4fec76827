import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recipient projections (built from other services' events), preferences, webhook
 * subscribers, and the notifications with their delivery log.
 */
export class CreateNotifications1763900000410 implements MigrationInterface {
  name = 'CreateNotifications1763900000410';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE recipients (
        recipient_id        uuid PRIMARY KEY,
        kind                text NOT NULL CHECK (kind IN ('participant', 'resource-contact', 'registrant', 'coordinator', 'webhook-subscriber')),
        name                text NOT NULL,
        email               text,
        phone               text,
        language            text NOT NULL DEFAULT 'en',
        time_zone           text,
        source_channels     text[] NOT NULL DEFAULT '{}',
        language_override   text,
        time_zone_override  text,
        last_event_id       uuid,
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX recipients_email_idx ON recipients (lower(email)) WHERE email IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE recipient_channel_preferences (
        recipient_id          uuid NOT NULL REFERENCES recipients (recipient_id) ON DELETE CASCADE,
        channel               text NOT NULL CHECK (channel IN ('email', 'sms', 'webhook', 'in-app')),
        enabled               boolean NOT NULL,
        opted_out_categories  text[] NOT NULL DEFAULT '{}',
        digest_window_seconds integer NOT NULL DEFAULT 0 CHECK (digest_window_seconds BETWEEN 0 AND 86400),
        updated_at            timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (recipient_id, channel)
      )`);
    await queryRunner.query(`
      CREATE TABLE program_members (
        program_id   uuid NOT NULL,
        recipient_id uuid NOT NULL REFERENCES recipients (recipient_id) ON DELETE CASCADE,
        role         text NOT NULL,
        PRIMARY KEY (program_id, recipient_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE organisation_contacts (
        organisation_id   uuid NOT NULL,
        recipient_id      uuid NOT NULL REFERENCES recipients (recipient_id) ON DELETE CASCADE,
        managed_by        text NOT NULL,
        organisation_kind text NOT NULL,
        organisation_name text NOT NULL,
        time_zone         text NOT NULL,
        role              text NOT NULL,
        PRIMARY KEY (organisation_id, recipient_id)
      )`);
    await queryRunner.query(`CREATE INDEX organisation_contacts_managed_by_idx ON organisation_contacts (managed_by, organisation_kind)`);
    await queryRunner.query(`
      CREATE TABLE community_events (
        event_id      uuid PRIMARY KEY,
        title         text NOT NULL,
        venue_name    text,
        venue_address text,
        starts_at     timestamptz NOT NULL,
        time_zone     text NOT NULL,
        status        text NOT NULL,
        version       integer NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE event_registrations (
        registration_id uuid PRIMARY KEY,
        event_id        uuid NOT NULL,
        recipient_id    uuid NOT NULL REFERENCES recipients (recipient_id) ON DELETE CASCADE,
        status          text NOT NULL,
        party_size      integer NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX event_registrations_event_idx ON event_registrations (event_id)`);
    await queryRunner.query(`
      CREATE TABLE webhook_subscribers (
        subscriber_id     uuid PRIMARY KEY REFERENCES recipients (recipient_id) ON DELETE CASCADE,
        url               text NOT NULL,
        event_types       text[] NOT NULL,
        organisation_id   text,
        secret_ciphertext text NOT NULL,
        active            boolean NOT NULL DEFAULT true,
        created_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE notifications (
        notification_id   uuid PRIMARY KEY,
        source_event_id   uuid NOT NULL,
        source_event_type text NOT NULL,
        program_id        uuid,
        organisation_id   text,
        correlation_id    text NOT NULL,
        recipient_id      uuid NOT NULL REFERENCES recipients (recipient_id) ON DELETE CASCADE,
        recipient_kind    text NOT NULL,
        channel           text NOT NULL CHECK (channel IN ('email', 'sms', 'webhook', 'in-app')),
        address           text NOT NULL,
        template          text NOT NULL,
        category          text NOT NULL,
        critical          boolean NOT NULL,
        language          text NOT NULL,
        subject           text NOT NULL,
        body              text NOT NULL,
        html              text,
        summary           text NOT NULL,
        payload           jsonb,
        digest_key        text,
        status            text NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'suppressed')),
        attempts          integer NOT NULL DEFAULT 0,
        next_attempt_at   timestamptz NOT NULL DEFAULT now(),
        lease_expires_at  timestamptz,
        last_error        text,
        digest_id         uuid,
        created_at        timestamptz NOT NULL DEFAULT now(),
        sent_at           timestamptz,
        failed_at         timestamptz,
        read_at           timestamptz,
        dead_lettered_at  timestamptz,
        -- The idempotency key: one notification per source event, recipient and channel, whatever arrives twice.
        CONSTRAINT notifications_idempotency_key UNIQUE (source_event_id, recipient_id, channel),
        CONSTRAINT notifications_read_only_in_app CHECK (read_at IS NULL OR channel = 'in-app')
      )`);
    await queryRunner.query(`CREATE INDEX notifications_due_idx ON notifications (next_attempt_at) WHERE status IN ('queued', 'sending')`);
    await queryRunner.query(`CREATE INDEX notifications_recipient_idx ON notifications (recipient_id, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX notifications_digest_idx ON notifications (recipient_id, channel, digest_key) WHERE status = 'queued' AND digest_key IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX notifications_dead_letter_idx ON notifications (failed_at) WHERE status = 'failed' AND dead_lettered_at IS NULL`);
    await queryRunner.query(`
      CREATE TABLE notification_log (
        id              bigserial PRIMARY KEY,
        notification_id uuid NOT NULL REFERENCES notifications (notification_id) ON DELETE CASCADE,
        status          text NOT NULL CHECK (status IN ('queued', 'suppressed', 'retry-scheduled', 'sent', 'failed', 'dead-lettered', 'read')),
        detail          text,
        at              timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query(`CREATE INDEX notification_log_notification_idx ON notification_log (notification_id, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['notification_log', 'notifications', 'webhook_subscribers', 'event_registrations', 'community_events', 'organisation_contacts', 'program_members', 'recipient_channel_preferences', 'recipients']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
