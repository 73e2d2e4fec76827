import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createAuditLogTable, dropAuditLogTable } from '@diplomacy/service-kit';

/** Who changed what and when (programs, participants): append-only, one organisation per row. See docs/audit.md. */
export class CreateAuditLog1763900000160 implements MigrationInterface {
  name = 'CreateAuditLog1763900000160';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createAuditLogTable(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropAuditLogTable(queryRunner);
  }
}
