import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { AgendaItemFact, CheckInFact } from './impact-report';
import type { CommunityCheckInEntity, ScheduleItemEntity } from './impact-projection.entity';

export type ScheduleItemRow = Omit<ScheduleItemEntity, 'updatedAt'>;
export type CheckInRow = CommunityCheckInEntity;

interface ItemRecord {
  item_id: string;
  program_id: string;
  kind: AgendaItemFact['kind'];
  status: AgendaItemFact['status'];
  starts_at: Date;
  ends_at: Date;
  resource_id: string | null;
  resource_name: string | null;
}

const ITEM_COLUMNS = 'item_id, program_id, kind, status, starts_at, ends_at, resource_id, resource_name';

/** The only place that reads or writes the schedule and check-in projections. */
@Injectable()
export class ImpactProjectionRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Keeps the item's latest state: a copy whose version is not greater than the stored
   * one changes nothing, so changes delivered out of order (a retry overtaken by a
   * later change, a replay) cannot move an item back in time. `true` when it was applied.
   */
  async applyItemState(manager: EntityManager, row: ScheduleItemRow): Promise<boolean> {
    const applied: unknown[] = await manager.query(
      `INSERT INTO schedule_items (item_id, program_id, kind, title, status, starts_at, ends_at, resource_id, resource_name, version, last_event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (item_id) DO UPDATE SET
         program_id = EXCLUDED.program_id, kind = EXCLUDED.kind, title = EXCLUDED.title, status = EXCLUDED.status,
         starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, resource_id = EXCLUDED.resource_id,
         resource_name = EXCLUDED.resource_name, version = EXCLUDED.version, last_event_id = EXCLUDED.last_event_id, updated_at = now()
       WHERE schedule_items.version < EXCLUDED.version
       RETURNING item_id`,
      [row.itemId, row.programId, row.kind, row.title, row.status, row.startsAt, row.endsAt, row.resourceId, row.resourceName, row.version, row.lastEventId],
    );
    return applied.length === 1;
  }

  /** Records a party's arrival for each linked program; a repeat for the same registration and program is ignored. Returns the rows added. */
  async recordCheckIns(manager: EntityManager, rows: readonly CheckInRow[]): Promise<number> {
    let added = 0;
    for (const row of rows) {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO community_check_ins (registration_id, program_id, community_event_id, party_size, checked_in_at, event_id)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (registration_id, program_id) DO NOTHING RETURNING registration_id`,
        [row.registrationId, row.programId, row.communityEventId, row.partySize, row.checkedInAt, row.eventId],
      );
      added += inserted.length;
    }
    return added;
  }

  async itemsOfPrograms(programIds: readonly string[]): Promise<AgendaItemFact[]> {
    if (programIds.length === 0) return [];
    const rows: ItemRecord[] = await this.dataSource.query(`SELECT ${ITEM_COLUMNS} FROM schedule_items WHERE program_id = ANY($1::uuid[])`, [programIds]);
    return rows.map(toItemFact);
  }

  /**
   * Items of any organisation's programs that met the resource: the caller keeps only those of
   * programs it finds in its own scope (ImpactSourceRepository.programsById), so another
   * organisation's meetings are never described.
   */
  async itemsWithResource(resourceId: string): Promise<AgendaItemFact[]> {
    const rows: ItemRecord[] = await this.dataSource.query(`SELECT ${ITEM_COLUMNS} FROM schedule_items WHERE resource_id = $1`, [resourceId]);
    return rows.map(toItemFact);
  }

  async checkInsOfPrograms(programIds: readonly string[]): Promise<CheckInFact[]> {
    if (programIds.length === 0) return [];
    const rows: { registration_id: string; program_id: string; party_size: number }[] = await this.dataSource.query(
      `SELECT registration_id, program_id, party_size FROM community_check_ins WHERE program_id = ANY($1::uuid[])`,
      [programIds],
    );
    return rows.map((r) => ({ registrationId: r.registration_id, programId: r.program_id, partySize: r.party_size }));
  }
}

function toItemFact(r: ItemRecord): AgendaItemFact {
  return {
    itemId: r.item_id,
    programId: r.program_id,
    kind: r.kind,
    status: r.status,
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
    resourceId: r.resource_id,
    resourceName: r.resource_name,
  };
}
