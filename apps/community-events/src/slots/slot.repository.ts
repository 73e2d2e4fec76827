import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { tenantClause, tenantSql } from '@diplomacy/service-kit';
import { SignupSlotEntity, SlotClaimEntity } from './signup-slot.entity';

/** A claim with what the organiser needs to see who brings what. */
export interface SlotClaimView {
  slotId: string;
  label: string;
  registrationId: string;
  name: string;
  quantity: number;
  claimedAt: Date;
}

/**
 * The only place that reads or writes signup_slots and slot_claims. Slots belong to their
 * event's organisation: reads are scoped through the event; writes follow a scoped read of
 * the event under its lock.
 */
@Injectable()
export class SlotRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, slot: SignupSlotEntity): Promise<SignupSlotEntity> {
    await manager.insert(SignupSlotEntity, slot);
    return manager.findOneByOrFail(SignupSlotEntity, { id: slot.id });
  }

  async labelTaken(manager: EntityManager, eventId: string, label: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM signup_slots WHERE event_id = $1 AND lower(label) = lower($2)`, [eventId, label]);
    return rows.length > 0;
  }

  /** The slot, locked until the transaction ends. */
  lockById(manager: EntityManager, id: string): Promise<SignupSlotEntity | null> {
    return manager
      .getRepository(SignupSlotEntity)
      .createQueryBuilder('s')
      .where('s.id = :id', { id })
      .andWhere(...tenantClause('EXISTS (SELECT 1 FROM community_events owner WHERE owner.id = s.event_id AND owner.organisation_id = :tenant)'))
      .setLock('pessimistic_write')
      .getOne();
  }

  reload(manager: EntityManager, id: string): Promise<SignupSlotEntity> {
    return manager.findOneByOrFail(SignupSlotEntity, { id });
  }

  findClaim(manager: EntityManager, slotId: string, registrationId: string): Promise<SlotClaimEntity | null> {
    return manager.findOneBy(SlotClaimEntity, { slotId, registrationId });
  }

  async insertClaim(manager: EntityManager, claim: SlotClaimEntity): Promise<void> {
    await manager.insert(SlotClaimEntity, claim);
  }

  async deleteClaim(manager: EntityManager, slotId: string, registrationId: string): Promise<void> {
    await manager.delete(SlotClaimEntity, { slotId, registrationId });
  }

  /** The registration's claims with their slots, for releasing them all when it ends. */
  async claimsOfRegistration(manager: EntityManager, registrationId: string): Promise<{ slot: SignupSlotEntity; quantity: number }[]> {
    const claims = await manager.findBy(SlotClaimEntity, { registrationId });
    const result: { slot: SignupSlotEntity; quantity: number }[] = [];
    for (const claim of claims.sort((a, b) => a.slotId.localeCompare(b.slotId))) {
      const slot = await this.lockById(manager, claim.slotId);
      if (slot) result.push({ slot, quantity: claim.quantity });
    }
    return result;
  }

  listForEvent(eventId: string): Promise<SignupSlotEntity[]> {
    return this.dataSource
      .getRepository(SignupSlotEntity)
      .createQueryBuilder('s')
      .where('s.event_id = :eventId', { eventId })
      .andWhere(...tenantClause('EXISTS (SELECT 1 FROM community_events owner WHERE owner.id = s.event_id AND owner.organisation_id = :tenant)'))
      .orderBy('s.created_at', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .getMany();
  }

  /** Who brings what: every claim on the event's slots with the registrant's name. */
  async claimsForEvent(eventId: string): Promise<SlotClaimView[]> {
    const params: unknown[] = [eventId];
    const rows: { slot_id: string; label: string; registration_id: string; name: string; quantity: number; claimed_at: Date }[] =
      await this.dataSource.query(
        `SELECT c.slot_id, s.label, c.registration_id, r.name, c.quantity, c.claimed_at
           FROM slot_claims c JOIN signup_slots s ON s.id = c.slot_id JOIN registrations r ON r.id = c.registration_id
           JOIN community_events e ON e.id = s.event_id
          WHERE s.event_id = $1 AND ${tenantSql('e.organisation_id', params)} ORDER BY s.created_at, s.id, c.claimed_at`,
        params,
      );
    return rows.map((row) => ({ slotId: row.slot_id, label: row.label, registrationId: row.registration_id, name: row.name, quantity: row.quantity, claimedAt: row.claimed_at }));
  }

  async claimsForRegistration(registrationId: string): Promise<{ slotId: string; label: string; quantity: number }[]> {
    const params: unknown[] = [registrationId];
    const rows: { slot_id: string; label: string; quantity: number }[] = await this.dataSource.query(
      `SELECT c.slot_id, s.label, c.quantity FROM slot_claims c JOIN signup_slots s ON s.id = c.slot_id JOIN community_events e ON e.id = s.event_id
        WHERE c.registration_id = $1 AND ${tenantSql('e.organisation_id', params)} ORDER BY s.created_at, s.id`,
      params,
    );
    return rows.map((row) => ({ slotId: row.slot_id, label: row.label, quantity: row.quantity }));
  }
}
