import { Inject, Injectable, Logger } from '@nestjs/common';
import { AgendaItemAttendeesChanged, AgendaItemCancelled } from '@diplomacy/contracts';
import type { ParticipantSnapshotV1 } from '@diplomacy/contracts';
import type { Transaction } from '@diplomacy/messaging';
import { AgendaItemRepository } from '../itinerary/agenda-item.repository';
import { AgendaItemWriter } from '../itinerary/agenda-item-writer';
import { ruleOfViolation } from '../itinerary/conflict-rules';
import { ItineraryConflictError } from '../itinerary/itinerary.errors';
import { ProgramProjectionRepository } from './program-projection.repository';

/**
 * What the itinerary does when the program changes. Each reaction runs inside the
 * consumer's inbox transaction: the projection update, the item changes and their
 * events commit together, once per programs event. "Future" means starting after
 * the moment the event is handled; items under way or past are history and stay.
 */
@Injectable()
export class ProgramReactions {
  private readonly logger = new Logger(ProgramReactions.name);

  constructor(
    @Inject(ProgramProjectionRepository) private readonly programs: ProgramProjectionRepository,
    @Inject(AgendaItemRepository) private readonly items: AgendaItemRepository,
    @Inject(AgendaItemWriter) private readonly writer: AgendaItemWriter,
  ) {}

  /** Takes the participant off every future item (named or through the whole delegation) and publishes each change. */
  async participantRemoved(tx: Transaction, programId: string, participantId: string, eventId: string): Promise<number> {
    const program = await this.programs.lockProgram(tx.manager, programId, 'update');
    await this.programs.markParticipantRemoved(tx.manager, programId, participantId, eventId);
    if (!program) return 0;
    const affected = await this.items.lockFutureItems(tx.manager, programId, new Date(), { participantId });
    for (const item of affected) {
      const before = await this.writer.stateOf(item, tx.manager);
      item.participantIds = item.participantIds.filter((id) => id !== participantId);
      item.interpreterIds = item.interpreterIds.filter((id) => id !== participantId);
      item.version += 1;
      await this.writer.write(tx, {
        before,
        item,
        event: AgendaItemAttendeesChanged,
        cause: 'participant-removed',
        reason: 'The participant left the program',
        organisationId: program.organisationId,
      });
    }
    return affected.length;
  }

  /**
   * Adds a new participant to the future whole-delegation items. An item they cannot
   * join without breaking a rule (already booked elsewhere at that time) is skipped
   * and logged rather than failing the whole event: the other items still get them.
   */
  async participantAdded(tx: Transaction, participant: ParticipantSnapshotV1, eventId: string): Promise<{ joined: number; skipped: number }> {
    const program = await this.programs.lockProgram(tx.manager, participant.programId, 'update');
    await this.programs.upsertParticipant(tx.manager, {
      programId: participant.programId,
      participantId: participant.participantId,
      name: participant.name,
      role: participant.role,
      removedAt: null,
      lastEventId: eventId,
    });
    if (!program) return { joined: 0, skipped: 0 };
    const wholeDelegationItems = await this.items.lockFutureItems(tx.manager, participant.programId, new Date(), { wholeDelegation: true });
    let joined = 0;
    let skipped = 0;
    for (const [index, item] of wholeDelegationItems.entries()) {
      const before = await this.writer.stateOf(item, tx.manager);
      if ([...before.attendees.participantIds, ...before.attendees.interpreterIds].includes(participant.participantId)) continue;
      const savepoint = `join_${index}`;
      await tx.manager.query(`SAVEPOINT ${savepoint}`);
      try {
        await this.writer.write(tx, {
          before,
          item: Object.assign(item, { version: item.version + 1 }),
          event: AgendaItemAttendeesChanged,
          cause: 'participant-added',
          reason: 'A participant joined the program',
          organisationId: program.organisationId,
        });
        await tx.manager.query(`RELEASE SAVEPOINT ${savepoint}`);
        joined += 1;
      } catch (error) {
        if (!(error instanceof ItineraryConflictError) && !ruleOfViolation(error)) throw error;
        await tx.manager.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
        item.version -= 1;
        skipped += 1;
        this.logger.warn(`participant ${participant.participantId} not added to item ${item.id}: ${(error as Error).message}`);
      }
    }
    return { joined, skipped };
  }

  /** Cancels the program's future items, each with its own event. */
  async programCancelled(tx: Transaction, programId: string, reason: string | null): Promise<number> {
    const program = await this.programs.lockProgram(tx.manager, programId, 'update');
    if (!program) return 0;
    const why = `Program cancelled${reason ? `: ${reason}` : ''}`.slice(0, 1000);
    const future = await this.items.lockFutureItems(tx.manager, programId, new Date());
    for (const item of future) {
      const before = await this.writer.stateOf(item, tx.manager);
      Object.assign(item, { status: 'cancelled', cancellationReason: why, version: item.version + 1 });
      await this.writer.write(tx, { before, item, event: AgendaItemCancelled, cause: 'program-cancelled', reason: why, organisationId: program.organisationId });
    }
    return future.length;
  }
}
