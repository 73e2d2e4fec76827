import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CommunityEventSnapshotV1 } from '@diplomacy/contracts';
import { OrganisationMismatchError, tenantAllows, tenantSql } from '@diplomacy/service-kit';
import type { LinkState } from './community-event-item.policy';

export interface CommunityEventLink {
  eventId: string;
  programId: string;
  itemId: string | null;
  state: LinkState;
  eventVersion: number;
  snapshot: CommunityEventSnapshotV1;
  organisationId: string;
}

interface LinkRow {
  event_id: string;
  program_id: string;
  item_id: string | null;
  state: LinkState;
  event_version: number;
  snapshot: CommunityEventSnapshotV1;
  organisation_id: string;
}

const toLink = (row: LinkRow): CommunityEventLink => ({
  eventId: row.event_id,
  programId: row.program_id,
  itemId: row.item_id,
  state: row.state,
  eventVersion: row.event_version,
  snapshot: row.snapshot,
  organisationId: row.organisation_id,
});

/**
 * Which agenda item stands for which (community event, program); the only code touching
 * community_event_links. Links carry the community event's organisation and every query is
 * scoped to the current tenant (the consumed event's organisation), so a community event only
 * ever reaches the programs of its own organisation: a link to another organisation's program
 * waits as 'program-not-known' for good, because that program is never known in this scope.
 */
@Injectable()
export class CommunityEventLinkRepository {
  /** Reads and holds the link until commit (absent links are serialised by the program lock the caller holds). */
  async lock(manager: EntityManager, eventId: string, programId: string): Promise<CommunityEventLink | null> {
    const params: unknown[] = [eventId, programId];
    const rows: LinkRow[] = await manager.query(
      `SELECT * FROM community_event_links WHERE event_id = $1 AND program_id = $2 AND ${tenantSql('organisation_id', params)} FOR UPDATE`,
      params,
    );
    return rows[0] ? toLink(rows[0]) : null;
  }

  async lockAllOfEvent(manager: EntityManager, eventId: string): Promise<CommunityEventLink[]> {
    const params: unknown[] = [eventId];
    const rows: LinkRow[] = await manager.query(
      `SELECT * FROM community_event_links WHERE event_id = $1 AND ${tenantSql('organisation_id', params)} ORDER BY program_id FOR UPDATE`,
      params,
    );
    return rows.map(toLink);
  }

  async lockWaitingFor(manager: EntityManager, programId: string): Promise<CommunityEventLink[]> {
    const params: unknown[] = [programId];
    const rows: LinkRow[] = await manager.query(
      `SELECT * FROM community_event_links WHERE program_id = $1 AND state = 'program-not-known' AND ${tenantSql('organisation_id', params)} ORDER BY event_id FOR UPDATE`,
      params,
    );
    return rows.map(toLink);
  }

  /** Writes the link for the tenant's own organisation only; a row of another organisation is never overwritten. */
  async save(manager: EntityManager, link: CommunityEventLink): Promise<void> {
    assertTenantMayWrite(link.organisationId);
    await manager.query(
      `INSERT INTO community_event_links (event_id, program_id, item_id, state, event_version, snapshot, organisation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (event_id, program_id) DO UPDATE
         SET item_id = EXCLUDED.item_id, state = EXCLUDED.state, event_version = EXCLUDED.event_version,
             snapshot = EXCLUDED.snapshot, updated_at = now()
       WHERE community_event_links.organisation_id = EXCLUDED.organisation_id`,
      [link.eventId, link.programId, link.itemId, link.state, link.eventVersion, JSON.stringify(link.snapshot), link.organisationId],
    );
  }

  /** The venue of a community event as a shared resource of its organisation (idempotent: its id is derived from what it is). */
  async ensureVenue(manager: EntityManager, venue: { id: string; organisationId: string; name: string; streetAddress: string; timeZone: string }): Promise<void> {
    assertTenantMayWrite(venue.organisationId);
    await manager.query(
      `INSERT INTO resources (id, organisation_id, kind, name, address, street_address, time_zone, contact, capacity, exclusive, availability)
       VALUES ($1, $2, 'venue', $3, NULL, $4, $5, NULL, NULL, false, '[]') ON CONFLICT (id) DO NOTHING`,
      [venue.id, venue.organisationId, venue.name.slice(0, 300), venue.streetAddress.slice(0, 500), venue.timeZone],
    );
  }
}

function assertTenantMayWrite(organisationId: string): void {
  if (!tenantAllows(organisationId)) throw new OrganisationMismatchError();
}
