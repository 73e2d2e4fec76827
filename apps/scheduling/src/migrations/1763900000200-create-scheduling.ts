import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The scheduling schema. Postgres, not application code, refuses double bookings:
 * every rule that must hold under concurrent writes is an exclusion constraint on a
 * range column, so two transactions that both "checked first" cannot both commit.
 */
export class CreateScheduling1763900000200 implements MigrationInterface {
  name = 'CreateScheduling1763900000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    // btree_gist lets one GiST index combine equality (=, <>) on uuids with overlap (&&) on ranges.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    // Local projection of the programs service, kept by the programs.events consumer.
    await queryRunner.query(`
      CREATE TABLE scheduled_programs (
        program_id      uuid PRIMARY KEY,
        organisation_id text NOT NULL,
        title           text NOT NULL,
        status          text NOT NULL,
        start_date      date NOT NULL,
        end_date        date NOT NULL,
        last_event_id   uuid NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE program_participants (
        program_id     uuid NOT NULL,
        participant_id uuid NOT NULL,
        name           text NOT NULL,
        role           text NOT NULL,
        removed_at     timestamptz,
        last_event_id  uuid NOT NULL,
        PRIMARY KEY (program_id, participant_id)
      )`);

    // Resource organisations and venues: both can be booked, both can have availability windows.
    await queryRunner.query(`
      CREATE TABLE resources (
        id            uuid PRIMARY KEY,
        kind          text NOT NULL CHECK (kind IN ('organisation', 'venue')),
        name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        address       jsonb,
        time_zone     text NOT NULL,
        contact       jsonb,
        capacity      integer CHECK (capacity IS NULL OR capacity > 0),
        exclusive     boolean NOT NULL,
        availability  jsonb NOT NULL DEFAULT '[]',
        version       integer NOT NULL DEFAULT 1,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE agenda_items (
        id                    uuid PRIMARY KEY,
        program_id            uuid NOT NULL REFERENCES scheduled_programs (program_id),
        kind                  text NOT NULL CHECK (kind IN ('resource-meeting', 'site-visit', 'ride-along', 'workshop-panel', 'cultural-activity', 'home-hospitality', 'community-event', 'travel-leg', 'free-time')),
        title                 text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        starts_at             timestamptz NOT NULL,
        ends_at               timestamptz NOT NULL,
        time_zone             text NOT NULL,
        venue_id              uuid REFERENCES resources (id),
        resource_id           uuid REFERENCES resources (id),
        whole_delegation      boolean NOT NULL,
        participant_ids       uuid[] NOT NULL DEFAULT '{}',
        interpreter_ids       uuid[] NOT NULL DEFAULT '{}',
        status                text NOT NULL CHECK (status IN ('tentative', 'confirmed', 'cancelled')),
        cancellation_reason   text,
        notes                 text,
        travel_buffer_minutes integer CHECK (travel_buffer_minutes BETWEEN 0 AND 1440),
        effective_buffer_minutes integer NOT NULL CHECK (effective_buffer_minutes BETWEEN 0 AND 1440),
        outside_program_dates boolean NOT NULL DEFAULT false,
        version               integer NOT NULL DEFAULT 1,
        created_at            timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT agenda_items_time_ordered CHECK (ends_at > starts_at),
        CONSTRAINT agenda_items_cancel_reason CHECK ((status = 'cancelled') = (cancellation_reason IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX agenda_items_program_idx ON agenda_items (program_id, starts_at)`);

    /*
     * One row per (item, attendee), with the item's range, venue and buffer copied in,
     * because an exclusion constraint sees one table. The use cases rewrite these rows
     * in the same transaction as the item, so the copy never disagrees with the item.
     *
     * Travel buffer: between two items at different venues a participant needs the
     * larger of the two items' buffers (each item's buffer is "the travel time this
     * place needs on either side"). Two one-sided windows express exactly that:
     *   lead_window  = [start - buffer, end)   overlaps a later item's window iff gap < later item's buffer
     *   trail_window = [start, end + buffer)   overlaps a later item's window iff gap < earlier item's buffer
     * so excluding overlaps of both, for rows whose venues differ (venue_id WITH <>),
     * requires gap >= max(buffer A, buffer B). Rows without a venue (travel legs, free
     * time) compare as NULL under <> and never trigger the buffer rule: a travel leg
     * is the travel. Same venue: only the plain overlap rule applies.
     */
    await queryRunner.query(`
      CREATE TABLE agenda_item_attendance (
        item_id        uuid NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
        program_id     uuid NOT NULL,
        participant_id uuid NOT NULL,
        role           text NOT NULL CHECK (role IN ('participant', 'interpreter')),
        venue_id       uuid,
        status         text NOT NULL,
        during         tstzrange NOT NULL,
        lead_window    tstzrange NOT NULL,
        trail_window   tstzrange NOT NULL,
        PRIMARY KEY (item_id, participant_id),
        CONSTRAINT attendance_no_overlap EXCLUDE USING gist (participant_id WITH =, during WITH &&) WHERE (status <> 'cancelled'),
        CONSTRAINT attendance_travel_buffer_lead EXCLUDE USING gist (participant_id WITH =, venue_id WITH <>, lead_window WITH &&) WHERE (status <> 'cancelled'),
        CONSTRAINT attendance_travel_buffer_trail EXCLUDE USING gist (participant_id WITH =, venue_id WITH <>, trail_window WITH &&) WHERE (status <> 'cancelled')
      )`);
    await queryRunner.query(`CREATE INDEX agenda_item_attendance_participant_idx ON agenda_item_attendance (program_id, participant_id)`);

    // Only exclusive resources (a room that holds one group, a department that hosts one visit at a time) get rows here.
    await queryRunner.query(`
      CREATE TABLE resource_bookings (
        item_id     uuid NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
        resource_id uuid NOT NULL REFERENCES resources (id),
        role        text NOT NULL CHECK (role IN ('venue', 'resource')),
        status      text NOT NULL,
        during      tstzrange NOT NULL,
        PRIMARY KEY (item_id, resource_id),
        CONSTRAINT resource_bookings_no_overlap EXCLUDE USING gist (resource_id WITH =, during WITH &&) WHERE (status <> 'cancelled')
      )`);

    await queryRunner.query(`
      CREATE TABLE calendar_feeds (
        id             uuid PRIMARY KEY,
        program_id     uuid NOT NULL REFERENCES scheduled_programs (program_id),
        participant_id uuid,
        token_hash     bytea NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        revoked_at     timestamptz
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['calendar_feeds', 'resource_bookings', 'agenda_item_attendance', 'agenda_items', 'resources', 'program_participants', 'scheduled_programs']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
