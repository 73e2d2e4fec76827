import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { TenantScopedRepository } from '@diplomacy/service-kit';
import { ProgramDirectoryEntry } from './program-directory.entity';

/** The program projection, scoped to the current tenant: another organisation's program is not found. */
@Injectable()
export class ProgramDirectoryRepository extends TenantScopedRepository<ProgramDirectoryEntry> {
  constructor(@Inject(DataSource) dataSource: DataSource) {
    super(dataSource, ProgramDirectoryEntry);
  }

  async upsert(manager: EntityManager, entry: Omit<ProgramDirectoryEntry, 'updatedAt'>): Promise<void> {
    this.assertOwnTenant(entry.organisationId);
    await manager.upsert(ProgramDirectoryEntry, entry, ['programId']);
  }

  find(programId: string, manager: EntityManager = this.dataSource.manager): Promise<ProgramDirectoryEntry | null> {
    return manager.getRepository(ProgramDirectoryEntry).findOneBy(this.scoped({ programId }));
  }

  /** Follows the program's later changes; an event about a program never created here (or of another tenant) changes nothing. */
  async update(manager: EntityManager, programId: string, change: Partial<Pick<ProgramDirectoryEntry, 'title' | 'status' | 'startDate' | 'endDate'>> & { lastEventId: string; correlationId: string }): Promise<void> {
    await manager.update(ProgramDirectoryEntry, this.scoped({ programId }), change);
  }
}
