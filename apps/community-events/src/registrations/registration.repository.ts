import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { RegistrationStatus } from '@diplomacy/contracts';
import { tenantClause, tenantSql } from '@diplomacy/service-kit';
import { RegistrationEntity } from './registration.entity';

export const LIVE_STATUSES: readonly RegistrationStatus[] = ['confirmed', 'waitlisted', 'offered'];

export interface WaitingPartyRow {
  registrationId: string;
  partySize: number;
}

/**
 * The only place that reads or writes the registrations table. A registration belongs to its
 * event's organisation, so every read is scoped through the event (`scopedQuery`); the one
 * cross-organisation read is by a secret link's hash, which is itself the credential.
 */
@Injectable()
export class RegistrationRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Registrations of the current tenant's events only; `where()` on it adds to the scope. */
  private scopedQuery(manager: EntityManager = this.dataSource.manager): SelectQueryBuilder<RegistrationEntity> {
    const query = manager
      .getRepository(RegistrationEntity)
      .createQueryBuilder('r')
      .andWhere(...tenantClause('EXISTS (SELECT 1 FROM community_events owner WHERE owner.id = r.event_id AND owner.organisation_id = :tenant)'));
    query.where = query.andWhere.bind(query);
    return query;
  }

  async insert(manager: EntityManager, registration: RegistrationEntity): Promise<RegistrationEntity> {
    await manager.insert(RegistrationEntity, registration);
    return manager.findOneByOrFail(RegistrationEntity, { id: registration.id });
  }

  /** The live registration of this email for the event, if any (the email is compared case-insensitively, as the unique index does). */
  async findLiveByEmail(manager: EntityManager, eventId: string, email: string): Promise<RegistrationEntity | null> {
    return this.scopedQuery(manager)
      .where('r.event_id = :eventId AND lower(r.email) = lower(:email)', { eventId, email })
      .andWhere('r.status IN (:...live)', { live: LIVE_STATUSES })
      .getOne();
  }

  findById(manager: EntityManager, id: string): Promise<RegistrationEntity | null> {
    return this.scopedQuery(manager).where('r.id = :id', { id }).getOne();
  }

  /** Across organisations, by design: the hash of a secret link finds its registration and the organisation it belongs to. */
  async findByTokenHash(tokenHash: Buffer, manager: EntityManager = this.dataSource.manager): Promise<{ registration: RegistrationEntity; organisationId: string } | null> {
    const registration = await manager.findOneBy(RegistrationEntity, { tokenHash });
    if (!registration) return null;
    const [owner]: { organisation_id: string }[] = await manager.query('SELECT organisation_id FROM community_events WHERE id = $1', [registration.eventId]);
    return owner ? { registration, organisationId: owner.organisation_id } : null;
  }

  /** Changes a registration the caller read through a scoped query (under its event's lock). */
  async update(manager: EntityManager, id: string, changes: Partial<RegistrationEntity>): Promise<RegistrationEntity> {
    await manager.update(RegistrationEntity, { id }, changes);
    const updated = await this.findById(manager, id);
    if (!updated) throw new Error(`registration ${id} left the tenant scope while being updated`);
    return updated;
  }

  /** Waiting parties in the order they registered. */
  async waitlist(manager: EntityManager, eventId: string): Promise<WaitingPartyRow[]> {
    const params: unknown[] = [eventId];
    const rows: { id: string; party_size: number }[] = await manager.query(
      `SELECT r.id, r.party_size FROM registrations r JOIN community_events e ON e.id = r.event_id
        WHERE r.event_id = $1 AND r.status = 'waitlisted' AND ${tenantSql('e.organisation_id', params)} ORDER BY r.queue_position`,
      params,
    );
    return rows.map((row) => ({ registrationId: row.id, partySize: row.party_size }));
  }

  /** 1-based place of a waiting registration among the event's waiting parties. */
  async waitlistPosition(registration: RegistrationEntity, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [row]: { position: number }[] = await manager.query(
      `SELECT count(*)::int AS position FROM registrations WHERE event_id = $1 AND status = 'waitlisted' AND queue_position <= $2`,
      [registration.eventId, registration.queuePosition],
    );
    return row.position;
  }

  async countLive(manager: EntityManager, eventId: string): Promise<number> {
    return this.scopedQuery(manager).where('r.event_id = :eventId AND r.status IN (:...live)', { eventId, live: LIVE_STATUSES }).getCount();
  }

  /**
   * Waiting parties of an event the caller already holds (scoped, or a published page), for
   * its seat counts. Counts carry nothing private, so public pages may show them too.
   */
  async countWaitlisted(eventId: string): Promise<number> {
    return this.dataSource.manager.countBy(RegistrationEntity, { eventId, status: 'waitlisted' });
  }

  /** Events that have at least one offer whose claim deadline has passed. */
  async eventsWithOverdueOffers(now: Date): Promise<string[]> {
    const params: unknown[] = [now];
    const rows: { event_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT r.event_id FROM registrations r JOIN community_events e ON e.id = r.event_id
        WHERE r.status = 'offered' AND r.offer_expires_at <= $1 AND ${tenantSql('e.organisation_id', params)}`,
      params,
    );
    return rows.map((row) => row.event_id);
  }

  overdueOffers(manager: EntityManager, eventId: string, now: Date): Promise<RegistrationEntity[]> {
    return this.scopedQuery(manager)
      .where(`r.event_id = :eventId AND r.status = 'offered' AND r.offer_expires_at <= :now`, { eventId, now })
      .orderBy('r.queue_position', 'ASC')
      .getMany();
  }

  /** Confirmed registrations whose name contains the text, for the door list. */
  searchConfirmedByName(eventId: string, text: string, limit: number): Promise<RegistrationEntity[]> {
    const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.scopedQuery()
      .where(`r.event_id = :eventId AND r.status = 'confirmed' AND lower(r.name) LIKE :pattern`, { eventId, pattern })
      .orderBy('lower(r.name)', 'ASC')
      .addOrderBy('r.queue_position', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Registrations of the event in the given statuses, in arrival order. */
  listByStatus(eventId: string, statuses: readonly RegistrationStatus[]): Promise<RegistrationEntity[]> {
    return this.scopedQuery().where('r.event_id = :eventId AND r.status IN (:...statuses)', { eventId, statuses }).orderBy('r.queue_position', 'ASC').getMany();
  }

  listCheckedIn(eventId: string): Promise<RegistrationEntity[]> {
    return this.scopedQuery()
      .where('r.event_id = :eventId AND r.checked_in_at IS NOT NULL', { eventId })
      .orderBy('r.checked_in_at', 'ASC')
      .getMany();
  }
}
