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

  find(programId: string, manager: EntityManager = this.dataSource.manager): Promise<ProgramDirectoryEntry | null> {
    return manager.getRepository(ProgramDirectoryEntry).findOneBy({ programId });
  }

  /** Follows the program's later changes; an event about a program never created here changes nothing. */
  async update(manager: EntityManager, programId: string, change: Partial<Pick<ProgramDirectoryEntry, 'title' | 'status' | 'startDate' | 'endDate'>> & { lastEventId: string; correlationId: string }): Promise<void> {
    await manager.update(ProgramDirectoryEntry, { programId }, change);
  }
}
