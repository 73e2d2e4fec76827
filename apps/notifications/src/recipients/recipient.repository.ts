import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { TenantContext } from '@diplomacy/service-kit';
import type { ChannelName, ChannelPreference, NotificationCategory, Recipient, RecipientKind } from './recipient';

interface RecipientRow {
  recipient_id: string;
  kind: RecipientKind;
  name: string;
  email: string | null;
  phone: string | null;
  language: string;
  time_zone: string | null;
  source_channels: string[];
  language_override: string | null;
  time_zone_override: string | null;
}

const toRecipient = (row: RecipientRow): Recipient => ({
  recipientId: row.recipient_id,
  kind: row.kind,
  name: row.name,
  email: row.email,
  phone: row.phone,
  language: row.language,
  timeZone: row.time_zone,
  sourceChannels: row.source_channels,
  languageOverride: row.language_override,
  timeZoneOverride: row.time_zone_override,
});

export type RecipientSource = Pick<Recipient, 'recipientId' | 'kind' | 'name' | 'email' | 'phone' | 'language' | 'timeZone' | 'sourceChannels'>;

export interface CommunityEventFacts {
  eventId: string;
  title: string;
  venueName: string | null;
  venueAddress: string | null;
  startsAt: string;
  timeZone: string;
  status: string;
  version: number;
}

/**
 * A condition limiting recipients (alias `r`) to those the current tenant knows, pushing its
 * parameter: recipients belong to no single organisation, so the scope goes through
 * recipient_organisations. Across every organisation (a platform admin, system work) it is
 * TRUE; with no tenant in context it throws, like every tenant-scoped query.
 */
export function recipientTenantSql(params: unknown[], alias = 'r'): string {
  const tenant = TenantContext.require();
  if (tenant.kind === 'all') return 'TRUE';
  params.push(tenant.organisationId);
  return `EXISTS (SELECT 1 FROM recipient_organisations ro WHERE ro.recipient_id = ${alias}.recipient_id AND ro.organisation_id = $${params.length})`;
}

/**
 * The recipient projections: people, what they belong to, and how they want to hear. Every
 * read of people is limited to those the current tenant knows (`recipientTenantSql`): a
 * request sees its organisation's, and a consumer resolving an event's recipients finds only
 * people of the event's organisation, so an event can never reach another tenant's people.
 */
@Injectable()
export class RecipientRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Makes a recipient known to the current tenant (the organisation of the event being
   * handled, or of the coordinator registering a webhook). System work links nothing.
   */
  async linkToTenant(manager: EntityManager, recipientId: string): Promise<void> {
    const tenant = TenantContext.require();
    if (tenant.kind === 'all') return;
    await manager.query(`INSERT INTO recipient_organisations (recipient_id, organisation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [recipientId, tenant.organisationId]);
  }

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** Creates or refreshes what the source events say; overrides set through the API survive. */
  async upsert(manager: EntityManager, recipient: RecipientSource, eventId: string | null): Promise<void> {
    await manager.query(
      `INSERT INTO recipients (recipient_id, kind, name, email, phone, language, time_zone, source_channels, last_event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (recipient_id) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, email = EXCLUDED.email, phone = EXCLUDED.phone,
         language = EXCLUDED.language, time_zone = COALESCE(EXCLUDED.time_zone, recipients.time_zone),
         source_channels = EXCLUDED.source_channels, last_event_id = EXCLUDED.last_event_id, updated_at = now()`,
      [recipient.recipientId, recipient.kind, recipient.name, recipient.email, recipient.phone, recipient.language, recipient.timeZone, recipient.sourceChannels, eventId],
    );
    await this.linkToTenant(manager, recipient.recipientId);
  }

  /** A recipient the current tenant knows; another organisation's is not found. */
  async find(recipientId: string, manager?: EntityManager): Promise<Recipient | null> {
    const params: unknown[] = [recipientId];
    const rows: RecipientRow[] = await this.m(manager).query(`SELECT r.* FROM recipients r WHERE r.recipient_id = $1 AND ${recipientTenantSql(params)}`, params);
    return rows[0] ? toRecipient(rows[0]) : null;
  }

  async findMany(manager: EntityManager, recipientIds: string[]): Promise<Recipient[]> {
    if (recipientIds.length === 0) return [];
    const params: unknown[] = [recipientIds];
    const rows: RecipientRow[] = await manager.query(`SELECT r.* FROM recipients r WHERE r.recipient_id = ANY($1::uuid[]) AND ${recipientTenantSql(params)} ORDER BY r.recipient_id`, params);
    return rows.map(toRecipient);
  }

  /** A person already known under this address (organisation contacts first), for contacts events name only by address. */
  async findPersonByEmail(manager: EntityManager, email: string): Promise<Recipient | null> {
    const params: unknown[] = [email];
    const rows: RecipientRow[] = await manager.query(
      `SELECT r.* FROM recipients r WHERE lower(r.email) = lower($1) AND r.kind IN ('resource-contact', 'coordinator', 'participant') AND ${recipientTenantSql(params)}
       ORDER BY CASE r.kind WHEN 'resource-contact' THEN 0 WHEN 'coordinator' THEN 1 ELSE 2 END LIMIT 1`,
      params,
    );
    return rows[0] ? toRecipient(rows[0]) : null;
  }

  async setMembership(manager: EntityManager, programId: string, recipientId: string, role: string): Promise<void> {
    await manager.query(
      `INSERT INTO program_members (program_id, recipient_id, role) VALUES ($1, $2, $3) ON CONFLICT (program_id, recipient_id) DO UPDATE SET role = EXCLUDED.role`,
      [programId, recipientId, role],
    );
  }

  async removeMembership(manager: EntityManager, programId: string, recipientId: string): Promise<void> {
    await manager.query(`DELETE FROM program_members WHERE program_id = $1 AND recipient_id = $2`, [programId, recipientId]);
  }

  async delegation(manager: EntityManager, programId: string): Promise<Recipient[]> {
    const params: unknown[] = [programId];
    const rows: RecipientRow[] = await manager.query(
      `SELECT r.* FROM program_members m JOIN recipients r USING (recipient_id) WHERE m.program_id = $1 AND ${recipientTenantSql(params)} ORDER BY r.recipient_id`,
      params,
    );
    return rows.map(toRecipient);
  }

  async replaceOrganisationContacts(
    manager: EntityManager,
    organisation: { organisationId: string; managedBy: string; kind: string; name: string; timeZone: string },
    contacts: { recipientId: string; role: string }[],
  ): Promise<void> {
    await manager.query(`DELETE FROM organisation_contacts WHERE organisation_id = $1`, [organisation.organisationId]);
    for (const contact of contacts) {
      await manager.query(
        `INSERT INTO organisation_contacts (organisation_id, recipient_id, managed_by, organisation_kind, organisation_name, time_zone, role)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [organisation.organisationId, contact.recipientId, organisation.managedBy, organisation.kind, organisation.name, organisation.timeZone, contact.role],
      );
    }
  }

  /** The coordinators of a program: the contacts of the host councils of the program's tenant. */
  async coordinators(manager: EntityManager, organisationId: string): Promise<Recipient[]> {
    const params: unknown[] = [organisationId];
    const rows: RecipientRow[] = await manager.query(
      `SELECT DISTINCT r.* FROM organisation_contacts oc JOIN recipients r USING (recipient_id)
       WHERE oc.managed_by = $1 AND oc.organisation_kind = 'host-council' AND ${recipientTenantSql(params)} ORDER BY r.recipient_id`,
      params,
    );
    return rows.map(toRecipient);
  }

  async upsertCommunityEvent(manager: EntityManager, event: CommunityEventFacts): Promise<void> {
    await manager.query(
      `INSERT INTO community_events (event_id, title, venue_name, venue_address, starts_at, time_zone, status, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (event_id) DO UPDATE SET title = EXCLUDED.title, venue_name = EXCLUDED.venue_name, venue_address = EXCLUDED.venue_address,
         starts_at = EXCLUDED.starts_at, time_zone = EXCLUDED.time_zone, status = EXCLUDED.status, version = EXCLUDED.version
       WHERE community_events.version < EXCLUDED.version`,
      [event.eventId, event.title, event.venueName, event.venueAddress, event.startsAt, event.timeZone, event.status, event.version],
    );
  }

  async markCommunityEventCancelled(manager: EntityManager, eventId: string): Promise<void> {
    await manager.query(`UPDATE community_events SET status = 'cancelled' WHERE event_id = $1`, [eventId]);
  }

  async communityEvent(manager: EntityManager, eventId: string): Promise<CommunityEventFacts | null> {
    const rows: { event_id: string; title: string; venue_name: string | null; venue_address: string | null; starts_at: Date; time_zone: string; status: string; version: number }[] =
      await manager.query(`SELECT * FROM community_events WHERE event_id = $1`, [eventId]);
    const row = rows[0];
    if (!row) return null;
    return {
      eventId: row.event_id,
      title: row.title,
      venueName: row.venue_name,
      venueAddress: row.venue_address,
      startsAt: row.starts_at.toISOString(),
      timeZone: row.time_zone,
      status: row.status,
      version: row.version,
    };
  }

  async upsertRegistration(manager: EntityManager, registration: { registrationId: string; eventId: string; recipientId: string; status: string; partySize: number }): Promise<void> {
    await manager.query(
      `INSERT INTO event_registrations (registration_id, event_id, recipient_id, status, party_size) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (registration_id) DO UPDATE SET status = EXCLUDED.status, party_size = EXCLUDED.party_size`,
      [registration.registrationId, registration.eventId, registration.recipientId, registration.status, registration.partySize],
    );
  }

  async updateRegistration(manager: EntityManager, registrationId: string, change: { status: string; partySize: number }): Promise<void> {
    await manager.query(`UPDATE event_registrations SET status = $2, party_size = $3 WHERE registration_id = $1`, [registrationId, change.status, change.partySize]);
  }

  async registrant(manager: EntityManager, registrationId: string): Promise<Recipient | null> {
    const params: unknown[] = [registrationId];
    const rows: RecipientRow[] = await manager.query(
      `SELECT r.* FROM event_registrations er JOIN recipients r USING (recipient_id) WHERE er.registration_id = $1 AND ${recipientTenantSql(params)}`,
      params,
    );
    return rows[0] ? toRecipient(rows[0]) : null;
  }

  /** Everyone holding or waiting for a place: confirmed, offered or waitlisted. */
  async activeRegistrants(manager: EntityManager, eventId: string): Promise<Recipient[]> {
    const params: unknown[] = [eventId];
    const rows: RecipientRow[] = await manager.query(
      `SELECT DISTINCT r.* FROM event_registrations er JOIN recipients r USING (recipient_id)
       WHERE er.event_id = $1 AND er.status IN ('confirmed', 'offered', 'waitlisted') AND ${recipientTenantSql(params)} ORDER BY r.recipient_id`,
      params,
    );
    return rows.map(toRecipient);
  }

  async preferences(manager: EntityManager, recipientId: string): Promise<ChannelPreference[]> {
    const rows: { channel: ChannelName; enabled: boolean; opted_out_categories: NotificationCategory[]; digest_window_seconds: number }[] = await manager.query(
      `SELECT channel, enabled, opted_out_categories, digest_window_seconds FROM recipient_channel_preferences WHERE recipient_id = $1 ORDER BY channel`,
      [recipientId],
    );
    return rows.map((row) => ({ channel: row.channel, enabled: row.enabled, optedOutCategories: row.opted_out_categories, digestWindowSeconds: row.digest_window_seconds }));
  }

  /** Replaces the recipient's preferences as a whole (PUT semantics). */
  async savePreferences(
    manager: EntityManager,
    recipientId: string,
    overrides: { language: string | null; timeZone: string | null },
    channels: ChannelPreference[],
  ): Promise<void> {
    await manager.query(`UPDATE recipients SET language_override = $2, time_zone_override = $3, updated_at = now() WHERE recipient_id = $1`, [
      recipientId,
      overrides.language,
      overrides.timeZone,
    ]);
    await manager.query(`DELETE FROM recipient_channel_preferences WHERE recipient_id = $1`, [recipientId]);
    for (const p of channels) {
      await manager.query(
        `INSERT INTO recipient_channel_preferences (recipient_id, channel, enabled, opted_out_categories, digest_window_seconds) VALUES ($1, $2, $3, $4, $5)`,
        [recipientId, p.channel, p.enabled, p.optedOutCategories, p.digestWindowSeconds],
      );
    }
  }
}
