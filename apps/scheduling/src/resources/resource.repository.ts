import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { TenantScopedRepository } from '@diplomacy/service-kit';
import { ResourceEntity } from './resource.entity';

/**
 * The only code reading or writing resources. Every query is scoped to the current tenant, so
 * another organisation's resource is not found: a GET answers 404 and an item naming it as its
 * venue or resource is refused as naming an unknown resource.
 */
@Injectable()
export class ResourceRepository extends TenantScopedRepository<ResourceEntity> {
  constructor(@Inject(DataSource) dataSource: DataSource) {
    super(dataSource, ResourceEntity);
  }

  async insert(resource: ResourceEntity, manager: EntityManager = this.dataSource.manager): Promise<ResourceEntity> {
    this.assertOwnTenant(resource.organisationId);
    await manager.insert(ResourceEntity, resource);
    return manager.findOneByOrFail(ResourceEntity, this.scoped({ id: resource.id }));
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<ResourceEntity | null> {
    return manager.findOneBy(ResourceEntity, this.scoped({ id }));
  }

  /**
   * Reads the resources a booking uses and holds a share lock until commit: the
   * availability check then sees windows that cannot change before the booking
   * commits (a change to a resource takes the row's update lock).
   */
  async lockForBooking(manager: EntityManager, ids: string[]): Promise<Map<string, ResourceEntity>> {
    if (ids.length === 0) return new Map();
    const found = await manager.find(ResourceEntity, { where: this.scoped({ id: In(ids) }), order: { id: 'ASC' }, lock: { mode: 'pessimistic_read' } });
    return new Map(found.map((r) => [r.id, r]));
  }

  findMany(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<ResourceEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : manager.findBy(ResourceEntity, this.scoped({ id: In(ids) }));
  }
}
