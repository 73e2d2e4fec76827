import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { TenantScopedRepository, tenantSql } from '@diplomacy/service-kit';
import { AgendaItemEntity } from './agenda-item.entity';

export type AttendeeRole = 'participant' | 'interpreter';

export interface Attendee {
  participantId: string;
  role: AttendeeRole;
}

/** What a rejected write was trying to book, so the conflicting item can be found after the rollback. */
export interface BookingAttempt {
  itemId: string;
  participantIds: string[];
  venueId: string | null;
  resourceIds: string[];
  startsAt: Date;
  endsAt: Date;
  bufferMinutes: number;
}

/**
 * The only place that reads or writes agenda items and the rows their exclusion constraints
 * live on. Items carry their organisation, and every read is scoped to the current tenant
 * (TenantScopedRepository): another organisation's item is simply not found. Attendance and
 * booking rows are reached through their item, so their queries join it and carry the scope too.
 */
@Injectable()
export class AgendaItemRepository extends TenantScopedRepository<AgendaItemEntity> {
  constructor(@Inject(DataSource) dataSource: DataSource) {
    super(dataSource, AgendaItemEntity);
  }

  async insert(manager: EntityManager, item: AgendaItemEntity): Promise<AgendaItemEntity> {
    this.assertOwnTenant(item.organisationId);
    await manager.insert(AgendaItemEntity, item);
    return manager.findOneByOrFail(AgendaItemEntity, this.scoped({ id: item.id }));
  }

  async update(manager: EntityManager, item: AgendaItemEntity): Promise<AgendaItemEntity> {
    // The organisation is left out: an item never moves to another tenant.
    const { id, organisationId: _organisationId, createdAt: _createdAt, updatedAt: _updatedAt, ...fields } = item;
    await manager.update(AgendaItemEntity, this.scoped({ id }), { ...fields, updatedAt: new Date() });
    return manager.findOneByOrFail(AgendaItemEntity, this.scoped({ id }));
  }

  /** Reads the item and holds it until commit, so two changes to one item run one after the other. */
  lockById(manager: EntityManager, id: string): Promise<AgendaItemEntity | null> {
    return manager.findOne(AgendaItemEntity, { where: this.scoped({ id }), lock: { mode: 'pessimistic_write' } });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<AgendaItemEntity | null> {
    return manager.findOneBy(AgendaItemEntity, this.scoped({ id }));
  }

  listByProgram(programId: string): Promise<AgendaItemEntity[]> {
    return this.dataSource.getRepository(AgendaItemEntity).find({ where: this.scoped({ programId }), order: { startsAt: 'ASC', id: 'ASC' } });
  }

  /** Items a participant attends (per the attendance rows), cancelled ones included. */
  async listByParticipant(programId: string, participantId: string): Promise<AgendaItemEntity[]> {
    return this.scopedQuery('item')
      .where('item.program_id = :programId', { programId })
      .andWhere('EXISTS (SELECT 1 FROM agenda_item_attendance a WHERE a.item_id = item.id AND a.participant_id = :participantId)', { participantId })
      .orderBy('item.starts_at', 'ASC')
      .addOrderBy('item.id', 'ASC')
      .getMany();
  }

  /** Items held at a venue or with a resource organisation (what its contact reads), cancelled ones included. */
  listByResource(resourceId: string): Promise<AgendaItemEntity[]> {
    return this.scopedQuery('item')
      .where('(item.venue_id = :resourceId OR item.resource_id = :resourceId)', { resourceId })
      .orderBy('item.starts_at', 'ASC')
      .addOrderBy('item.id', 'ASC')
      .getMany();
  }

  /** Future, not cancelled items of a program, locked for update in a stable order (so concurrent reactions cannot deadlock). */
  lockFutureItems(manager: EntityManager, programId: string, now: Date, filter: { wholeDelegation?: boolean; participantId?: string } = {}): Promise<AgendaItemEntity[]> {
    const query = this.scopedQuery('item', manager)
      .setLock('pessimistic_write')
      .where('item.program_id = :programId', { programId })
      .andWhere(`item.status <> 'cancelled'`)
      .andWhere('item.starts_at > :now', { now });
    if (filter.wholeDelegation !== undefined) query.andWhere('item.whole_delegation = :whole', { whole: filter.wholeDelegation });
    if (filter.participantId) {
      query.andWhere('EXISTS (SELECT 1 FROM agenda_item_attendance a WHERE a.item_id = item.id AND a.participant_id = :participantId)', {
        participantId: filter.participantId,
      });
    }
    return query.orderBy('item.id', 'ASC').getMany();
  }

  async attendeesOf(itemIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, Attendee[]>> {
    const byItem = new Map<string, Attendee[]>(itemIds.map((id) => [id, []]));
    if (itemIds.length === 0) return byItem;
    const params: unknown[] = [itemIds];
    const rows: { item_id: string; participant_id: string; role: AttendeeRole }[] = await manager.query(
      `SELECT a.item_id, a.participant_id, a.role FROM agenda_item_attendance a JOIN agenda_items i ON i.id = a.item_id
        WHERE a.item_id = ANY($1::uuid[]) AND ${tenantSql('i.organisation_id', params)} ORDER BY a.participant_id`,
      params,
    );
    for (const row of rows) byItem.get(row.item_id)?.push({ participantId: row.participant_id, role: row.role });
    return byItem;
  }

  /**
   * Rewrites the rows the exclusion constraints check, from the item as it now is.
   * Runs in the item's transaction: either both the item and these rows change, or neither.
   * The item was read or inserted through the scoped methods above, so it is the tenant's.
   */
  async replaceBookings(manager: EntityManager, item: AgendaItemEntity, attendees: Attendee[], exclusiveResources: { resourceId: string; role: 'venue' | 'resource' }[]): Promise<void> {
    await manager.query(`DELETE FROM agenda_item_attendance WHERE item_id = $1`, [item.id]);
    await manager.query(`DELETE FROM resource_bookings WHERE item_id = $1`, [item.id]);
    if (attendees.length > 0) {
      await manager.query(
        `INSERT INTO agenda_item_attendance (item_id, program_id, participant_id, role, venue_id, status, during, lead_window, trail_window)
         SELECT $1, $2, a.participant_id, a.role, $3, $4,
                tstzrange($5, $6),
                tstzrange($5::timestamptz - make_interval(mins => $7), $6),
                tstzrange($5, $6::timestamptz + make_interval(mins => $7))
           FROM unnest($8::uuid[], $9::text[]) AS a(participant_id, role)
          ORDER BY a.participant_id`,
        [
          item.id,
          item.programId,
          item.venueId,
          item.status,
          item.startsAt,
          item.endsAt,
          item.effectiveBufferMinutes,
          attendees.map((a) => a.participantId),
          attendees.map((a) => a.role),
        ],
      );
    }
    for (const booking of exclusiveResources) {
      await manager.query(`INSERT INTO resource_bookings (item_id, resource_id, role, status, during) VALUES ($1, $2, $3, $4, tstzrange($5, $6))`, [
        item.id,
        booking.resourceId,
        booking.role,
        item.status,
        item.startsAt,
        item.endsAt,
      ]);
    }
  }

  /**
   * After a 23P01 rollback: which committed item stood in the way. A best effort (the
   * other item may have been cancelled meanwhile), which is why the rule itself comes
   * from the constraint name and never from this query.
   */
  async findConflictingItem(attempt: BookingAttempt, rule: 'participant-double-booked' | 'travel-buffer' | 'resource-double-booked'): Promise<{ itemId: string; participantId: string | null; resourceId: string | null } | null> {
    let rows: { item_id: string; participant_id?: string; resource_id?: string }[];
    // Participants belong to one program and resources to one organisation, so the item in the
    // way is always the tenant's own; the scope makes sure no other organisation's id is named.
    if (rule === 'participant-double-booked') {
      const params: unknown[] = [attempt.itemId, attempt.startsAt, attempt.endsAt, attempt.participantIds];
      rows = await this.dataSource.query(
        `SELECT a.item_id, a.participant_id FROM agenda_item_attendance a JOIN agenda_items i ON i.id = a.item_id
          WHERE a.status <> 'cancelled' AND a.item_id <> $1 AND a.during && tstzrange($2, $3) AND a.participant_id = ANY($4::uuid[])
            AND ${tenantSql('i.organisation_id', params)}
          ORDER BY lower(a.during) LIMIT 1`,
        params,
      );
    } else if (rule === 'travel-buffer') {
      const params: unknown[] = [attempt.itemId, attempt.startsAt, attempt.endsAt, attempt.participantIds, attempt.venueId, attempt.bufferMinutes];
      rows = await this.dataSource.query(
        `SELECT a.item_id, a.participant_id FROM agenda_item_attendance a JOIN agenda_items i ON i.id = a.item_id
          WHERE a.status <> 'cancelled' AND a.item_id <> $1 AND a.participant_id = ANY($4::uuid[]) AND a.venue_id <> $5
            AND (a.lead_window && tstzrange($2::timestamptz - make_interval(mins => $6), $3)
              OR a.trail_window && tstzrange($2, $3::timestamptz + make_interval(mins => $6)))
            AND ${tenantSql('i.organisation_id', params)}
          ORDER BY lower(a.during) LIMIT 1`,
        params,
      );
    } else {
      const params: unknown[] = [attempt.itemId, attempt.startsAt, attempt.endsAt, attempt.resourceIds];
      rows = await this.dataSource.query(
        `SELECT b.item_id, b.resource_id FROM resource_bookings b JOIN agenda_items i ON i.id = b.item_id
          WHERE b.status <> 'cancelled' AND b.item_id <> $1 AND b.during && tstzrange($2, $3) AND b.resource_id = ANY($4::uuid[])
            AND ${tenantSql('i.organisation_id', params)}
          ORDER BY lower(b.during) LIMIT 1`,
        params,
      );
    }
    const row = rows[0];
    return row ? { itemId: row.item_id, participantId: row.participant_id ?? null, resourceId: row.resource_id ?? null } : null;
  }

  /** Sets the outside-dates flag of a program's items from their local dates; returns how many are outside. */
  async flagItemsOutside(manager: EntityManager, programId: string, startDate: string, endDate: string): Promise<number> {
    const params: unknown[] = [programId, startDate, endDate];
    await manager.query(
      `UPDATE agenda_items
          SET outside_program_dates = ((starts_at AT TIME ZONE time_zone)::date < $2::date OR (ends_at AT TIME ZONE time_zone - interval '1 microsecond')::date > $3::date)
        WHERE program_id = $1 AND ${tenantSql('organisation_id', params)}`,
      params,
    );
    const countParams: unknown[] = [programId];
    const [row] = await manager.query(`SELECT count(*)::int AS n FROM agenda_items WHERE program_id = $1 AND outside_program_dates AND ${tenantSql('organisation_id', countParams)}`, countParams);
    return row.n as number;
  }
}
