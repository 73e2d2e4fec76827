/**
 * The audit trail: who changed what and when, per organisation (issue 7 item 5).
 *
 * Adopting it in a service takes three steps:
 *  1. A migration that calls `createAuditLogTable(runner)` (and `dropAuditLogTable` in `down`).
 *  2. `AuditModule` among the service's features, and imported by the feature modules whose use
 *     cases write entries; that also serves `GET /audit` to the organisation's coordinators.
 *  3. In each use case, inside `UnitOfWork.run(tx => …)`:
 *     `await auditTrail.record(tx.manager, { organisationId, entityType: 'itinerary', entityId, action: 'updated',
 *        changes: new AuditChangeSet(['privateField']).describe(before, after, FIELDS) })`.
 *     The entry commits with the change or not at all; private values never reach the log.
 */
export * from './audit-entry';
export * from './audit-cursor';
export * from './audit-log.migration';
export * from './audit-trail';
export * from './audit-log.dto';
export * from './audit-log.controller';
export * from './audit.module';
