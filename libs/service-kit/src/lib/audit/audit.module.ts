import { Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller';
import { AuditTrail } from './audit-trail';

/**
 * The audit trail of a service: `AuditTrail` for its use cases and `GET /audit` for its
 * coordinators. Needs `security: 'enforced'` (the log is read within the caller's tenant) and
 * the audit_log table (createAuditLogTable in a migration). Steps: docs/security.md, "Audit trail".
 */
@Module({
  controllers: [AuditLogController],
  providers: [AuditTrail],
  exports: [AuditTrail],
})
export class AuditModule {}
