import { Inject, Injectable } from '@nestjs/common';
import { DataSource, Not } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { TenantScopedRepository } from '@diplomacy/service-kit';
import { CommunityEventEntity } from './community-event.entity';

/**
 * The only place that reads or writes the community_events table. Every query is scoped to
 * the caller's organisation (TenantScopedRepository): another organisation's event is not
 * found. The two deliberately cross-organisation reads serve the public pages and public
 * registration, and only ever see events that were published.
 */
@Injectable()
export class CommunityEventRepository extends TenantScopedRepository<CommunityEventEntity> {
  constructor(@Inject(DataSource) dataSource: DataSource) {
    super(dataSource, CommunityEventEntity);
  }

  async insert(manager: EntityManager, event: CommunityEventEntity): Promise<CommunityEventEntity> {
    this.assertOwnTenant(event.organisationId);
    await manager.insert(CommunityEventEntity, event);
    return manager.findOneByOrFail(CommunityEventEntity, this.scoped({ id: event.id }));
  }

  findById(id: string): Promise<CommunityEventEntity | null> {
    return this.dataSource.getRepository(CommunityEventEntity).findOneBy(this.scoped({ id }));
  }

  /**
   * Reads the event and locks its row until the transaction ends. Every write that
   * touches the event's seats, registrations or slots starts here, so writers for one
   * event take turns and always decide on committed numbers.
   */
  lockById(manager: EntityManager, id: string): Promise<CommunityEventEntity | null> {
    return manager.getRepository(CommunityEventEntity).findOne({ where: this.scoped({ id }), lock: { mode: 'pessimistic_write' } });
  }

  /** Re-reads the row inside the transaction, after triggers changed `seats_taken`. */
  reload(manager: EntityManager, id: string): Promise<CommunityEventEntity> {
    return manager.findOneByOrFail(CommunityEventEntity, this.scoped({ id }));
  }

  async update(manager: EntityManager, id: string, changes: Partial<CommunityEventEntity>): Promise<CommunityEventEntity> {
    await manager.update(CommunityEventEntity, this.scoped({ id }), changes);
    return this.reload(manager, id);
  }

  /** Public, across organisations: published public events, soonest first; optionally only those a program's delegation attends. */
  listPublic(filter: { programId?: string; limit: number }): Promise<CommunityEventEntity[]> {
    const query = this.dataSource
      .getRepository(CommunityEventEntity)
      .createQueryBuilder('e')
      .where(`e.status = 'published' AND e.visibility = 'public'`)
      .orderBy('e.starts_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .limit(filter.limit);
    if (filter.programId) query.andWhere(':programId = ANY(e.program_ids)', { programId: filter.programId });
    return query.getMany();
  }

  /** Public, across organisations: an event's page, for anyone with its link (drafts are the organiser's alone). */
  findPublicPage(id: string): Promise<CommunityEventEntity | null> {
    return this.dataSource.getRepository(CommunityEventEntity).findOneBy({ id, status: Not('draft' as const) });
  }

  /**
   * Public, across organisations: locks an event someone registers for. Drafts are not found,
   * so anonymous callers learn nothing about unpublished events; the caller then works within
   * the event's organisation (TenantContext.adopt).
   */
  lockForPublicRegistration(manager: EntityManager, id: string): Promise<CommunityEventEntity | null> {
    return manager.getRepository(CommunityEventEntity).findOne({ where: { id, status: Not('draft' as const) }, lock: { mode: 'pessimistic_write' } });
  }
}
