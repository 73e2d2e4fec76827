import { Inject, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ParticipantAdded, ParticipantRemoved, ParticipantUpdated, ProgramCreated, ProgramStatusChanged, ProgramUpdated, Topics } from '@diplomacy/contracts';
import type { EventEnvelope, PayloadOf } from '@diplomacy/contracts';
import { EventConsumer, Inbox } from '@diplomacy/messaging';
import { CommunityEventReactions } from '../community-event-links/community-event-reactions';
import { AgendaItemRepository } from '../itinerary/agenda-item.repository';
import { inTenantOfEvent } from '../tenancy/event-tenant';
import { ProgramProjectionRepository } from './program-projection.repository';
import { ProgramReactions } from './program-reactions';

export const CONSUMER_NAME = 'scheduling.program-projection';

const HANDLED = new Set([ProgramCreated, ProgramStatusChanged, ProgramUpdated, ParticipantAdded, ParticipantUpdated, ParticipantRemoved].map((d) => d.type));

/** Keeps the local copy of programs and participants, and lets the itinerary react to them, once per event. */
@EventConsumer()
export class ProgramEventsConsumer {
  private readonly logger = new Logger(ProgramEventsConsumer.name);

  constructor(
    @Inject(Inbox) private readonly inbox: Inbox,
    @Inject(ProgramProjectionRepository) private readonly programs: ProgramProjectionRepository,
    @Inject(AgendaItemRepository) private readonly items: AgendaItemRepository,
    @Inject(ProgramReactions) private readonly reactions: ProgramReactions,
    @Inject(CommunityEventReactions) private readonly communityEvents: CommunityEventReactions,
  ) {}

  @EventPattern(Topics.programs)
  async onProgramEvent(@Payload() envelope: EventEnvelope): Promise<void> {
    // Organisation and partnership events travel on the same topic; scheduling has no use for them.
    if (!HANDLED.has(envelope.type)) return;
    // Within the program's organisation: the projection, items and resources it touches are that tenant's only.
    await inTenantOfEvent(envelope, () => this.handle(envelope));
  }

  private async handle(envelope: EventEnvelope): Promise<void> {
    await this.inbox.handleOnce(CONSUMER_NAME, envelope, async (tx) => {
      switch (envelope.type) {
        case ProgramCreated.type: {
          const p = envelope.payload as PayloadOf<typeof ProgramCreated>;
          await this.programs.upsertProgram(tx.manager, {
            programId: p.programId,
            organisationId: p.organisationId,
            title: p.title,
            status: p.status,
            startDate: p.startDate,
            endDate: p.endDate,
            lastEventId: envelope.id,
          });
          // A community event linked before this program.created arrived (another topic, no order between them).
          const waiting = await this.communityEvents.programKnown(tx, p.programId);
          if (waiting > 0) this.logger.log(`program ${p.programId} known: ${waiting} waiting community event(s) put on its itinerary`);
          return;
        }
        case ProgramStatusChanged.type: {
          const p = envelope.payload as PayloadOf<typeof ProgramStatusChanged>;
          if (!(await this.programs.updateProgram(tx.manager, p.programId, { status: p.to, lastEventId: envelope.id }))) return;
          if (p.to === 'cancelled') {
            const cancelled = await this.reactions.programCancelled(tx, p.programId, p.reason);
            this.logger.log(`program ${p.programId} cancelled: ${cancelled} future item(s) cancelled`);
          }
          return;
        }
        case ProgramUpdated.type: {
          const p = envelope.payload as PayloadOf<typeof ProgramUpdated>;
          const program = await this.programs.lockProgram(tx.manager, p.programId, 'update');
          if (!program) return;
          const startDate = p.changes.startDate ?? program.startDate;
          const endDate = p.changes.endDate ?? program.endDate;
          await this.programs.updateProgram(tx.manager, p.programId, { startDate, endDate, title: p.changes.title ?? program.title, lastEventId: envelope.id });
          if (p.changes.startDate !== undefined || p.changes.endDate !== undefined) {
            const outside = await this.items.flagItemsOutside(tx.manager, p.programId, startDate, endDate);
            this.logger.log(`program ${p.programId} now runs ${startDate}..${endDate}: ${outside} item(s) flagged outside`);
          }
          return;
        }
        case ParticipantAdded.type: {
          const result = await this.reactions.participantAdded(tx, envelope.payload as PayloadOf<typeof ParticipantAdded>, envelope.id);
          this.logger.log(`participant joined ${result.joined} whole-delegation item(s), ${result.skipped} skipped for conflicts`);
          return;
        }
        case ParticipantUpdated.type: {
          const p = envelope.payload as PayloadOf<typeof ParticipantUpdated>;
          const known = await this.programs.findParticipant(p.programId, p.participantId, tx.manager);
          await this.programs.upsertParticipant(tx.manager, {
            programId: p.programId,
            participantId: p.participantId,
            name: p.name,
            role: p.role,
            removedAt: known?.removedAt ?? null,
            lastEventId: envelope.id,
          });
          return;
        }
        case ParticipantRemoved.type: {
          const p = envelope.payload as PayloadOf<typeof ParticipantRemoved>;
          await this.reactions.participantRemoved(tx, p.programId, p.participantId, envelope.id);
          return;
        }
      }
    });
  }
}
