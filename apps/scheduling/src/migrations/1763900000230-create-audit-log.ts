import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createAuditLogTable, dropAuditLogTable } from '@diplomacy/service-kit';

/**
 * Who changed what and when (agenda items, resources, calendar feeds): the shared append-only
 * table, one organisation per row. Additive: no existing table changes. See docs/audit.md.
 */
export class CreateAuditLog1763900000230 implements MigrationInterface {
  name = 'CreateAuditLog1763900000230';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createAuditLogTable(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropAuditLogTable(queryRunner);
  }
}
