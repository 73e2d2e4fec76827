import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { RegistrationStatus } from '@diplomacy/contracts';
import { RegistrationEntity } from './registration.entity';

export const LIVE_STATUSES: readonly RegistrationStatus[] = ['confirmed', 'waitlisted', 'offered'];

export interface WaitingPartyRow {
  registrationId: string;
  partySize: number;
}

/** The only place that reads or writes the registrations table. */
@Injectable()
export class RegistrationRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, registration: RegistrationEntity): Promise<RegistrationEntity> {
    await manager.insert(RegistrationEntity, registration);
    return manager.findOneByOrFail(RegistrationEntity, { id: registration.id });
  }

  /** The live registration of this email for the event, if any (the email is compared case-insensitively, as the unique index does). */
  async findLiveByEmail(manager: EntityManager, eventId: string, email: string): Promise<RegistrationEntity | null> {
    return manager
      .getRepository(RegistrationEntity)
      .createQueryBuilder('r')
      .where('r.event_id = :eventId AND lower(r.email) = lower(:email)', { eventId, email })
      .andWhere('r.status IN (:...live)', { live: LIVE_STATUSES })
      .getOne();
  }

  findById(manager: EntityManager, id: string): Promise<RegistrationEntity | null> {
    return manager.findOneBy(RegistrationEntity, { id });
  }

  findByTokenHash(tokenHash: Buffer, manager: EntityManager = this.dataSource.manager): Promise<RegistrationEntity | null> {
    return manager.findOneBy(RegistrationEntity, { tokenHash });
  }

  async update(manager: EntityManager, id: string, changes: Partial<RegistrationEntity>): Promise<RegistrationEntity> {
    await manager.update(RegistrationEntity, { id }, changes);
    return manager.findOneByOrFail(RegistrationEntity, { id });
  }

  /** Waiting parties in the order they registered. */
  async waitlist(manager: EntityManager, eventId: string): Promise<WaitingPartyRow[]> {
    const rows: { id: string; party_size: number }[] = await manager.query(
      `SELECT id, party_size FROM registrations WHERE event_id = $1 AND status = 'waitlisted' ORDER BY queue_position`,
      [eventId],
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
    return manager.countBy(RegistrationEntity, { eventId, status: In([...LIVE_STATUSES]) });
  }

  async countWaitlisted(eventId: string): Promise<number> {
    return this.dataSource.manager.countBy(RegistrationEntity, { eventId, status: 'waitlisted' });
  }

  /** Events that have at least one offer whose claim deadline has passed. */
  async eventsWithOverdueOffers(now: Date): Promise<string[]> {
    const rows: { event_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT event_id FROM registrations WHERE status = 'offered' AND offer_expires_at <= $1`,
      [now],
    );
    return rows.map((row) => row.event_id);
  }

  overdueOffers(manager: EntityManager, eventId: string, now: Date): Promise<RegistrationEntity[]> {
    return manager
      .getRepository(RegistrationEntity)
      .createQueryBuilder('r')
      .where(`r.event_id = :eventId AND r.status = 'offered' AND r.offer_expires_at <= :now`, { eventId, now })
      .orderBy('r.queue_position', 'ASC')
      .getMany();
  }

  /** Confirmed registrations whose name contains the text, for the door list. */
  searchConfirmedByName(eventId: string, text: string, limit: number): Promise<RegistrationEntity[]> {
    const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.dataSource
      .getRepository(RegistrationEntity)
      .createQueryBuilder('r')
      .where(`r.event_id = :eventId AND r.status = 'confirmed' AND lower(r.name) LIKE :pattern`, { eventId, pattern })
      .orderBy('lower(r.name)', 'ASC')
      .addOrderBy('r.queue_position', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Registrations of the event in the given statuses, in arrival order. */
  listByStatus(eventId: string, statuses: readonly RegistrationStatus[]): Promise<RegistrationEntity[]> {
    return this.dataSource.getRepository(RegistrationEntity).find({
      where: { eventId, status: In([...statuses]) },
      order: { queuePosition: 'ASC' },
    });
  }

  listCheckedIn(eventId: string): Promise<RegistrationEntity[]> {
    return this.dataSource
      .getRepository(RegistrationEntity)
      .createQueryBuilder('r')
      .where('r.event_id = :eventId AND r.checked_in_at IS NOT NULL', { eventId })
      .orderBy('r.checked_in_at', 'ASC')
      .getMany();
  }
}
