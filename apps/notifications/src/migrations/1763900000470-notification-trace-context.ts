import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The W3C `traceparent` of the event handling that queued a notification (issue 10, tracing).
 * The dispatcher sends it later, in another loop and perhaps another replica; with this it
 * continues the same trace, so one trace shows a reschedule all the way to the email.
 * Nullable: rows queued before tracing existed, or outside any trace, have none.
 */
export class NotificationTraceContext1763900000470 implements MigrationInterface {
  name = 'NotificationTraceContext1763900000470';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE notifications ADD COLUMN traceparent text
        CONSTRAINT notifications_traceparent_format CHECK (traceparent ~ '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notifications DROP COLUMN traceparent`);
  }
}
