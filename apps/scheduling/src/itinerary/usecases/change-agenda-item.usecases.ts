import { Inject, Injectable } from '@nestjs/common';
import { AgendaItemAttendeesChanged, AgendaItemCancelled, AgendaItemConfirmed, AgendaItemRescheduled } from '@diplomacy/contracts';
import type { AgendaItemStateV1 } from '@diplomacy/contracts';
import { RequestValidationError } from '@diplomacy/service-kit';
import { AgendaItemRules } from '../agenda-item.rules';
import { AgendaItemStatusPolicy } from '../agenda-item-status.policy';
import { AgendaItemWriter } from '../agenda-item-writer';
import { ItineraryTransaction } from '../itinerary-transaction';
import type { AttendeesDto, CancelAgendaItemDto, RescheduleAgendaItemDto } from '../dto/agenda-item.dto';
import { outsideDates } from './schedule-agenda-item.usecase';

/** Moves an item in time (and optionally zone, venue, buffer); a confirmed item becomes tentative again. */
@Injectable()
export class RescheduleAgendaItemUseCase {
  constructor(
    @Inject(ItineraryTransaction) private readonly transaction: ItineraryTransaction,
    @Inject(AgendaItemWriter) private readonly writer: AgendaItemWriter,
  ) {}

  execute(itemId: string, expectedVersion: number, command: RescheduleAgendaItemDto): Promise<AgendaItemStateV1> {
    return this.transaction.run(async (tx, attempt) => {
      const { item, before, program } = await this.writer.lockForChange(tx.manager, itemId, expectedVersion, 'rescheduled');
      item.startsAt = new Date(command.startsAt);
      item.endsAt = new Date(command.endsAt);
      if (command.timeZone !== undefined) item.timeZone = command.timeZone;
      if (command.venueId !== undefined) item.venueId = command.venueId;
      if (command.travelBufferMinutes !== undefined) item.travelBufferMinutes = command.travelBufferMinutes;
      const problems = AgendaItemRules.problems({ ...item, attendees: item });
      if (problems.length > 0) throw new RequestValidationError(problems);
      item.status = AgendaItemStatusPolicy.statusAfterReschedule(item.status);
      item.outsideProgramDates = outsideDates(item, program.startDate, program.endDate);
      item.version += 1;
      const { state } = await this.writer.write(tx, {
        before,
        item,
        event: AgendaItemRescheduled,
        cause: 'coordinator',
        reason: command.reason ?? null,
        organisationId: program.organisationId,
        attempt,
      });
      return state;
    });
  }
}

/** Replaces who attends an item. */
@Injectable()
export class ChangeAttendeesUseCase {
  constructor(
    @Inject(ItineraryTransaction) private readonly transaction: ItineraryTransaction,
    @Inject(AgendaItemWriter) private readonly writer: AgendaItemWriter,
  ) {}

  execute(itemId: string, expectedVersion: number, command: AttendeesDto): Promise<AgendaItemStateV1> {
    return this.transaction.run(async (tx, attempt) => {
      const { item, before, program } = await this.writer.lockForChange(tx.manager, itemId, expectedVersion, 'given new attendees');
      item.wholeDelegation = command.wholeDelegation;
      item.participantIds = [...new Set(command.participantIds ?? [])];
      item.interpreterIds = [...new Set(command.interpreterIds ?? [])];
      const problems = AgendaItemRules.problems({ ...item, attendees: item });
      if (problems.length > 0) throw new RequestValidationError(problems);
      item.version += 1;
      const { state } = await this.writer.write(tx, {
        before,
        item,
        event: AgendaItemAttendeesChanged,
        cause: 'coordinator',
        reason: null,
        organisationId: program.organisationId,
        attempt,
        validateAttendees: true,
      });
      return state;
    });
  }
}

/** tentative → confirmed. */
@Injectable()
export class ConfirmAgendaItemUseCase {
  constructor(
    @Inject(ItineraryTransaction) private readonly transaction: ItineraryTransaction,
    @Inject(AgendaItemWriter) private readonly writer: AgendaItemWriter,
  ) {}

  execute(itemId: string, expectedVersion: number): Promise<AgendaItemStateV1> {
    return this.transaction.run(async (tx, attempt) => {
      const { item, before, program } = await this.writer.lockForChange(tx.manager, itemId, expectedVersion, 'confirmed');
      item.status = 'confirmed';
      item.version += 1;
      const { state } = await this.writer.write(tx, { before, item, event: AgendaItemConfirmed, cause: 'coordinator', reason: null, organisationId: program.organisationId, attempt });
      return state;
    });
  }
}

/** Cancels an item with a reason; its attendees and resources are free again at once. */
@Injectable()
export class CancelAgendaItemUseCase {
  constructor(
    @Inject(ItineraryTransaction) private readonly transaction: ItineraryTransaction,
    @Inject(AgendaItemWriter) private readonly writer: AgendaItemWriter,
  ) {}

  execute(itemId: string, expectedVersion: number, command: CancelAgendaItemDto): Promise<AgendaItemStateV1> {
    return this.transaction.run(async (tx, attempt) => {
      const { item, before, program } = await this.writer.lockForChange(tx.manager, itemId, expectedVersion, 'cancelled');
      item.status = 'cancelled';
      item.cancellationReason = command.reason;
      item.version += 1;
      const { state } = await this.writer.write(tx, {
        before,
        item,
        event: AgendaItemCancelled,
        cause: 'coordinator',
        reason: command.reason,
        organisationId: program.organisationId,
        attempt,
      });
      return state;
    });
  }
}
