import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { CalendarFeedEntity } from './calendar-feed.entity';

@Injectable()
export class CalendarFeedRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(feed: CalendarFeedEntity): Promise<CalendarFeedEntity> {
    await this.dataSource.manager.insert(CalendarFeedEntity, feed);
    return this.dataSource.manager.findOneByOrFail(CalendarFeedEntity, { id: feed.id });
  }

  findActive(id: string): Promise<CalendarFeedEntity | null> {
    return this.dataSource.manager.findOneBy(CalendarFeedEntity, { id, revokedAt: IsNull() });
  }

  async revoke(id: string): Promise<boolean> {
    const result = await this.dataSource.manager.update(CalendarFeedEntity, { id, revokedAt: IsNull() }, { revokedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }
}
