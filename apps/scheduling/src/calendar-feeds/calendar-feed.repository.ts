import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { TenantScopedRepository } from '@diplomacy/service-kit';
import { CalendarFeedEntity } from './calendar-feed.entity';

/**
 * Calendar feeds, scoped to the current tenant like every other table, except the one
 * deliberately cross-organisation read: the secret link's feed id, whose secret the caller
 * then proves against the stored hash.
 */
@Injectable()
export class CalendarFeedRepository extends TenantScopedRepository<CalendarFeedEntity> {
  constructor(@Inject(DataSource) dataSource: DataSource) {
    super(dataSource, CalendarFeedEntity);
  }

  async insert(feed: CalendarFeedEntity, manager: EntityManager = this.dataSource.manager): Promise<CalendarFeedEntity> {
    this.assertOwnTenant(feed.organisationId);
    await manager.insert(CalendarFeedEntity, feed);
    return manager.findOneByOrFail(CalendarFeedEntity, this.scoped({ id: feed.id }));
  }

  /** Across organisations, by design: a subscription URL names its feed; the caller must still prove the secret. */
  findActiveForSecretLink(id: string): Promise<CalendarFeedEntity | null> {
    return this.dataSource.manager.findOneBy(CalendarFeedEntity, { id, revokedAt: IsNull() });
  }

  /** The feed as revoked, or null when the tenant has no such active feed. Locks the row, so two revokes cannot both succeed. */
  async revoke(id: string, manager: EntityManager = this.dataSource.manager): Promise<CalendarFeedEntity | null> {
    const feed = await manager.findOne(CalendarFeedEntity, { where: this.scoped({ id, revokedAt: IsNull() }), lock: { mode: 'pessimistic_write' } });
    if (!feed) return null;
    feed.revokedAt = new Date();
    await manager.update(CalendarFeedEntity, { id: feed.id }, { revokedAt: feed.revokedAt });
    return feed;
  }
}
