import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { CommunityEventEntity } from './community-event.entity';

/** The only place that reads or writes the community_events table. */
@Injectable()
export class CommunityEventRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, event: CommunityEventEntity): Promise<CommunityEventEntity> {
    await manager.insert(CommunityEventEntity, event);
    return manager.findOneByOrFail(CommunityEventEntity, { id: event.id });
  }

  findById(id: string): Promise<CommunityEventEntity | null> {
    return this.dataSource.getRepository(CommunityEventEntity).findOneBy({ id });
  }

  /**
   * Reads the event and locks its row until the transaction ends. Every write that
   * touches the event's seats, registrations or slots starts here, so writers for one
   * event take turns and always decide on committed numbers.
   */
  lockById(manager: EntityManager, id: string): Promise<CommunityEventEntity | null> {
    return manager.getRepository(CommunityEventEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Re-reads the row inside the transaction, after triggers changed `seats_taken`. */
  reload(manager: EntityManager, id: string): Promise<CommunityEventEntity> {
    return manager.findOneByOrFail(CommunityEventEntity, { id });
  }

  async update(manager: EntityManager, id: string, changes: Partial<CommunityEventEntity>): Promise<CommunityEventEntity> {
    await manager.update(CommunityEventEntity, { id }, changes);
    return this.reload(manager, id);
  }

  /** Published public events, soonest first; optionally only those a program's delegation attends. */
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
}
