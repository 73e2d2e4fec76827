import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AgendaItemScheduled } from '@diplomacy/contracts';
import type { AgendaItemStateV1 } from '@diplomacy/contracts';
import { RequestValidationError } from '@diplomacy/service-kit';
import { ProgramProjectionRepository } from '../../program-projection/program-projection.repository';
import { AgendaItemEntity } from '../agenda-item.entity';
import { AgendaItemRules } from '../agenda-item.rules';
import { AgendaItemWriter } from '../agenda-item-writer';
import { ItineraryTransaction } from '../itinerary-transaction';
import { ProgramCancelledError, ProgramNotKnownError } from '../itinerary.errors';
import type { ScheduleAgendaItemDto } from '../dto/agenda-item.dto';

/** Adds an item to a program's itinerary, if no rule objects, and announces it. */
@Injectable()
export class ScheduleAgendaItemUseCase {
  constructor(
    @Inject(ItineraryTransaction) private readonly transaction: ItineraryTransaction,
    @Inject(AgendaItemWriter) private readonly writer: AgendaItemWriter,
    @Inject(ProgramProjectionRepository) private readonly programs: ProgramProjectionRepository,
  ) {}

  async execute(programId: string, command: ScheduleAgendaItemDto): Promise<AgendaItemStateV1> {
    const item = Object.assign(new AgendaItemEntity(), {
      id: randomUUID(),
      programId,
      kind: command.kind,
      title: command.title,
      startsAt: new Date(command.startsAt),
      endsAt: new Date(command.endsAt),
      timeZone: command.timeZone,
      venueId: command.venueId ?? null,
      resourceId: command.resourceId ?? null,
      wholeDelegation: command.attendees.wholeDelegation,
      participantIds: [...new Set(command.attendees.participantIds ?? [])],
      interpreterIds: [...new Set(command.attendees.interpreterIds ?? [])],
      status: command.status ?? 'tentative',
      cancellationReason: null,
      notes: command.notes ?? null,
      travelBufferMinutes: command.travelBufferMinutes ?? null,
      outsideProgramDates: false,
      version: 1,
    });
    const problems = AgendaItemRules.problems({ ...item, attendees: item });
    if (problems.length > 0) throw new RequestValidationError(problems);

    return this.transaction.run(async (tx, attempt) => {
      const program = await this.programs.lockProgram(tx.manager, programId, 'share');
      if (!program) throw new ProgramNotKnownError(programId);
      if (program.status === 'cancelled') throw new ProgramCancelledError(programId);
      // The program was found in the caller's scope, so its organisation is the caller's (or, for a platform admin, the program's).
      item.organisationId = program.organisationId;
      item.outsideProgramDates = outsideDates(item, program.startDate, program.endDate);
      const { state } = await this.writer.write(tx, {
        before: null,
        item,
        event: AgendaItemScheduled,
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

/** Whether an item starts before the program's first local day or ends after its last one, in the item's zone. */
export function outsideDates(item: Pick<AgendaItemEntity, 'startsAt' | 'endsAt' | 'timeZone'>, startDate: string, endDate: string): boolean {
  const localDate = (instant: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: item.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
  // An item ending at local midnight ends on the day before.
  return localDate(item.startsAt) < startDate || localDate(new Date(item.endsAt.getTime() - 1)) > endDate;
}
