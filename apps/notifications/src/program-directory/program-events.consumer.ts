import { Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ProgramCreated, Topics } from '@diplomacy/contracts';
import type { EventEnvelope, PayloadOf } from '@diplomacy/contracts';
import { EventConsumer, Inbox } from '@diplomacy/messaging';
import { ProgramDirectoryRepository } from './program-directory.repository';

export const CONSUMER_NAME = 'notifications.program-directory';

/** Keeps the program directory in step with the programs service, once per event. */
@EventConsumer()
export class ProgramEventsConsumer {
  constructor(
    @Inject(Inbox) private readonly inbox: Inbox,
    @Inject(ProgramDirectoryRepository) private readonly directory: ProgramDirectoryRepository,
  ) {}

  @EventPattern(Topics.programs)
  async onProgramEvent(@Payload() envelope: EventEnvelope): Promise<void> {
    if (envelope.type !== ProgramCreated.type) return;
    const program = envelope.payload as PayloadOf<typeof ProgramCreated>;
    await this.inbox.handleOnce(CONSUMER_NAME, envelope, async (tx) => {
      await this.directory.upsert(tx.manager, {
        programId: program.programId,
        organisationId: program.organisationId,
        title: program.title,
        status: program.status,
        startDate: program.startDate,
        endDate: program.endDate,
        lastEventId: envelope.id,
        correlationId: envelope.correlationId,
      });
    });
  }
}
