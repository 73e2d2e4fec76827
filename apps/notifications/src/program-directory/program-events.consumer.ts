import { Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ProgramCreated, ProgramStatusChanged, ProgramUpdated, Topics } from '@diplomacy/contracts';
import type { EventEnvelope, PayloadOf } from '@diplomacy/contracts';
import { EventConsumer, Inbox } from '@diplomacy/messaging';
import { inTenantOf } from '../tenancy/event-tenant';
import { ProgramDirectoryRepository } from './program-directory.repository';

export const CONSUMER_NAME = 'notifications.program-directory';

const HANDLED = new Set([ProgramCreated.type, ProgramStatusChanged.type, ProgramUpdated.type]);

/** Keeps the program directory in step with the programs service, once per event. */
@EventConsumer()
export class ProgramEventsConsumer {
  constructor(
    @Inject(Inbox) private readonly inbox: Inbox,
    @Inject(ProgramDirectoryRepository) private readonly directory: ProgramDirectoryRepository,
  ) {}

  @EventPattern(Topics.programs)
  async onProgramEvent(@Payload() envelope: EventEnvelope): Promise<void> {
    if (!HANDLED.has(envelope.type)) return;
    // In the program's organisation: the directory refuses an entry of another tenant.
    await inTenantOf(envelope, () => this.apply(envelope));
  }

  private async apply(envelope: EventEnvelope): Promise<void> {
    await this.inbox.handleOnce(CONSUMER_NAME, envelope, async (tx) => {
      const trace = { lastEventId: envelope.id, correlationId: envelope.correlationId };
      if (envelope.type === ProgramStatusChanged.type) {
        const change = envelope.payload as PayloadOf<typeof ProgramStatusChanged>;
        await this.directory.update(tx.manager, change.programId, { status: change.to, ...trace });
        return;
      }
      if (envelope.type === ProgramUpdated.type) {
        const { programId, changes } = envelope.payload as PayloadOf<typeof ProgramUpdated>;
        const fields = { title: changes.title, startDate: changes.startDate, endDate: changes.endDate };
        const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
        await this.directory.update(tx.manager, programId, { ...defined, ...trace });
        return;
      }
      const program = envelope.payload as PayloadOf<typeof ProgramCreated>;
      await this.directory.upsert(tx.manager, {
        programId: program.programId,
        organisationId: program.organisationId,
        title: program.title,
        status: program.status,
        startDate: program.startDate,
        endDate: program.endDate,
        ...trace,
      });
    });
  }
}
