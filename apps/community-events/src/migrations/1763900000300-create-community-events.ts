import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events, registrations and sign-up slots.
 *
 * Capacity design: two layers, both in Postgres.
 *  1. Deciding. Every write that can take or free seats (register, change party size,
 *     cancel, promote, expire a claim, resize the event) first locks the event row
 *     with SELECT … FOR UPDATE. Writers for one event therefore run one after another
 *     and each sees the seats its predecessors committed, so "confirm or waitlist"
 *     is decided on current numbers. Writers for different events never wait for each other.
 *  2. Guaranteeing. `seats_taken` is not written by the application: a trigger on
 *     `registrations` keeps it equal to the sum of the party sizes that hold seats
 *     (confirmed and offered), and CHECK (seats_taken <= capacity) refuses any
 *     transaction that would oversell, whatever code path a future bug takes.
 * The same pattern guards sign-up slots: `claimed` is kept by a trigger on
 * `slot_claims` and CHECK (claimed <= quantity) makes over-claiming impossible.
 */
export class CreateCommunityEvents1763900000300 implements MigrationInterface {
  name = 'CreateCommunityEvents1763900000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE community_events (
        id                        uuid PRIMARY KEY,
        organisation_id           text NOT NULL CHECK (length(organisation_id) BETWEEN 1 AND 100),
        kind                      text NOT NULL CHECK (kind IN ('potluck', 'festival', 'pop-up', 'reception', 'panel', 'conference', 'youth-summit', 'other')),
        title                     text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        description               text CHECK (length(description) <= 5000),
        co_host_organisation_ids  text[] NOT NULL DEFAULT '{}',
        venue_name                text NOT NULL CHECK (length(venue_name) BETWEEN 1 AND 200),
        venue_address             text NOT NULL CHECK (length(venue_address) BETWEEN 1 AND 500),
        starts_at                 timestamptz NOT NULL,
        ends_at                   timestamptz NOT NULL,
        time_zone                 text NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
        capacity                  integer NOT NULL CHECK (capacity BETWEEN 0 AND 100000),
        max_party_size            integer NOT NULL CHECK (max_party_size BETWEEN 1 AND 50),
        registration_opens_at     timestamptz,
        registration_closes_at    timestamptz,
        visibility                text NOT NULL CHECK (visibility IN ('public', 'invite-only')),
        status                    text NOT NULL CHECK (status IN ('draft', 'published', 'cancelled', 'completed')),
        program_ids               uuid[] NOT NULL DEFAULT '{}',
        claim_window_hours        integer CHECK (claim_window_hours BETWEEN 1 AND 720),
        cancellation_reason       text,
        seats_taken               integer NOT NULL DEFAULT 0,
        version                   integer NOT NULL DEFAULT 1,
        created_at                timestamptz NOT NULL DEFAULT now(),
        updated_at                timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT community_events_times_ordered CHECK (ends_at > starts_at),
        CONSTRAINT community_events_window_ordered CHECK (registration_closes_at IS NULL OR registration_opens_at IS NULL OR registration_closes_at > registration_opens_at),
        CONSTRAINT community_events_never_oversold CHECK (seats_taken BETWEEN 0 AND capacity),
        CONSTRAINT community_events_cancellation_has_reason CHECK ((status = 'cancelled') = (cancellation_reason IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX community_events_listing_idx ON community_events (status, visibility, starts_at)`);
    await queryRunner.query(`CREATE INDEX community_events_program_idx ON community_events USING gin (program_ids)`);

    await queryRunner.query(`CREATE SEQUENCE registrations_queue_seq`);
    await queryRunner.query(`
      CREATE TABLE registrations (
        id                   uuid PRIMARY KEY,
        event_id             uuid NOT NULL REFERENCES community_events (id),
        name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        email                text NOT NULL CHECK (length(email) BETWEEN 3 AND 320 AND position('@' in email) > 1),
        phone                text CHECK (length(phone) <= 40),
        party_size           integer NOT NULL CHECK (party_size BETWEEN 1 AND 50),
        preferred_language   text NOT NULL CHECK (length(preferred_language) BETWEEN 2 AND 35),
        accessibility_needs  text CHECK (length(accessibility_needs) <= 2000),
        status               text NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'offered', 'cancelled', 'expired')),
        -- Arrival order; the waitlist is served in this order, so a skipped party keeps its place.
        queue_position       bigint NOT NULL DEFAULT nextval('registrations_queue_seq'),
        offer_expires_at     timestamptz,
        token_hash           bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
        checked_in_at        timestamptz,
        checked_in_party     integer,
        version              integer NOT NULL DEFAULT 1,
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT registrations_offer_has_deadline CHECK ((status = 'offered') = (offer_expires_at IS NOT NULL)),
        CONSTRAINT registrations_check_in_is_whole CHECK ((checked_in_at IS NULL) = (checked_in_party IS NULL)),
        CONSTRAINT registrations_check_in_confirmed CHECK (checked_in_at IS NULL OR status = 'confirmed'),
        CONSTRAINT registrations_check_in_party CHECK (checked_in_party IS NULL OR checked_in_party BETWEEN 1 AND party_size)
      )`);
    // One live registration per person and event: a retried POST finds it instead of
    // making a second. Ended registrations (cancelled, expired) do not block signing up again.
    await queryRunner.query(`
      CREATE UNIQUE INDEX registrations_one_live_per_email ON registrations (event_id, lower(email))
      WHERE status IN ('confirmed', 'waitlisted', 'offered')`);
    await queryRunner.query(`CREATE INDEX registrations_queue_idx ON registrations (event_id, status, queue_position)`);
    await queryRunner.query(`CREATE INDEX registrations_offers_idx ON registrations (offer_expires_at) WHERE status = 'offered'`);
    await queryRunner.query(`CREATE INDEX registrations_name_idx ON registrations (event_id, lower(name))`);

    await queryRunner.query(`
      CREATE FUNCTION registrations_seats_held(status text, party_size integer) RETURNS integer
      LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN status IN ('confirmed', 'offered') THEN party_size ELSE 0 END $$`);
    await queryRunner.query(`
      CREATE FUNCTION registrations_keep_seats_taken() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          UPDATE community_events SET seats_taken = seats_taken - registrations_seats_held(OLD.status, OLD.party_size)
          WHERE id = OLD.event_id AND registrations_seats_held(OLD.status, OLD.party_size) <> 0;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          UPDATE community_events SET seats_taken = seats_taken + registrations_seats_held(NEW.status, NEW.party_size)
          WHERE id = NEW.event_id AND registrations_seats_held(NEW.status, NEW.party_size) <> 0;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER registrations_seats_taken AFTER INSERT OR UPDATE OF status, party_size, event_id OR DELETE ON registrations
      FOR EACH ROW EXECUTE FUNCTION registrations_keep_seats_taken()`);

    await queryRunner.query(`
      CREATE TABLE signup_slots (
        id          uuid PRIMARY KEY,
        event_id    uuid NOT NULL REFERENCES community_events (id),
        label       text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
        description text CHECK (length(description) <= 1000),
        quantity    integer NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
        claimed     integer NOT NULL DEFAULT 0,
        created_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT signup_slots_never_overclaimed CHECK (claimed BETWEEN 0 AND quantity)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX signup_slots_label_per_event ON signup_slots (event_id, lower(label))`);
    await queryRunner.query(`
      CREATE TABLE slot_claims (
        slot_id         uuid NOT NULL REFERENCES signup_slots (id),
        registration_id uuid NOT NULL REFERENCES registrations (id),
        quantity        integer NOT NULL CHECK (quantity BETWEEN 1 AND 100),
        claimed_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (slot_id, registration_id)
      )`);
    await queryRunner.query(`CREATE INDEX slot_claims_registration_idx ON slot_claims (registration_id)`);
    await queryRunner.query(`
      CREATE FUNCTION slot_claims_keep_claimed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          UPDATE signup_slots SET claimed = claimed - OLD.quantity WHERE id = OLD.slot_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          UPDATE signup_slots SET claimed = claimed + NEW.quantity WHERE id = NEW.slot_id;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER slot_claims_claimed AFTER INSERT OR UPDATE OR DELETE ON slot_claims
      FOR EACH ROW EXECUTE FUNCTION slot_claims_keep_claimed()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE slot_claims`);
    await queryRunner.query(`DROP FUNCTION slot_claims_keep_claimed`);
    await queryRunner.query(`DROP TABLE signup_slots`);
    await queryRunner.query(`DROP TABLE registrations`);
    await queryRunner.query(`DROP FUNCTION registrations_keep_seats_taken`);
    await queryRunner.query(`DROP FUNCTION registrations_seats_held`);
    await queryRunner.query(`DROP SEQUENCE registrations_queue_seq`);
    await queryRunner.query(`DROP TABLE community_events`);
  }
}
