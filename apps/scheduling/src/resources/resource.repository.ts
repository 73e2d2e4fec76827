import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { ResourceEntity } from './resource.entity';

@Injectable()
export class ResourceRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(resource: ResourceEntity): Promise<ResourceEntity> {
    await this.dataSource.manager.insert(ResourceEntity, resource);
    return this.dataSource.manager.findOneByOrFail(ResourceEntity, { id: resource.id });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<ResourceEntity | null> {
    return manager.findOneBy(ResourceEntity, { id });
  }

  /**
   * Reads the resources a booking uses and holds a share lock until commit: the
   * availability check then sees windows that cannot change before the booking
   * commits (a change to a resource takes the row's update lock).
   */
  async lockForBooking(manager: EntityManager, ids: string[]): Promise<Map<string, ResourceEntity>> {
    if (ids.length === 0) return new Map();
    const found = await manager.find(ResourceEntity, { where: { id: In(ids) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_read' } });
    return new Map(found.map((r) => [r.id, r]));
  }

  findMany(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<ResourceEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : manager.findBy(ResourceEntity, { id: In(ids) });
  }
}
