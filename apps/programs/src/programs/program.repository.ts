import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { ProgramEntity } from './program.entity';

/** The only place that reads or writes the programs table. */
@Injectable()
export class ProgramRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, program: ProgramEntity): Promise<ProgramEntity> {
    await manager.insert(ProgramEntity, program);
    return manager.findOneByOrFail(ProgramEntity, { id: program.id });
  }

  findById(id: string): Promise<ProgramEntity | null> {
    return this.dataSource.getRepository(ProgramEntity).findOneBy({ id });
  }
}
