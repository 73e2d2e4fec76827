import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { ProgramDirectoryEntry } from './program-directory.entity';

@Injectable()
export class ProgramDirectoryRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async upsert(manager: EntityManager, entry: Omit<ProgramDirectoryEntry, 'updatedAt'>): Promise<void> {
    await manager.upsert(ProgramDirectoryEntry, entry, ['programId']);
  }

  find(programId: string): Promise<ProgramDirectoryEntry | null> {
    return this.dataSource.getRepository(ProgramDirectoryEntry).findOneBy({ programId });
  }
}
