import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@diplomacy/service-kit';
import { AgendaItemRepository } from '../itinerary/agenda-item.repository';
import { AgendaItemWriter } from '../itinerary/agenda-item-writer';
import type { BookingConflict } from '../itinerary/agenda-item.entity';
import { DayByDayItinerary } from '../itinerary/day-by-day-itinerary';
import { ProgramNotKnownError } from '../itinerary/itinerary.errors';
import { ProgramProjectionRepository } from '../program-projection/program-projection.repository';
import { ResourceRepository } from '../resources/resource.repository';
import { ProgramBook } from './program-book';
import type { PlaceDetails } from './program-book';
import { renderProgramBookPdf } from './program-book.pdf';
import type { RenderOptions } from './program-book.pdf';

export class ParticipantNotKnownError extends DomainError {
  readonly code = 'participant-not-known';
  readonly status = HttpStatus.NOT_FOUND;
  constructor(programId: string, participantId: string) {
    super(`Participant ${participantId} is not known in program ${programId}`);
  }
}

/** Builds the program book from the current state on every request, so a printed copy is never staler than its print date. */
@Injectable()
export class ProgramBookService {
  constructor(
    @Inject(AgendaItemRepository) private readonly items: AgendaItemRepository,
    @Inject(AgendaItemWriter) private readonly writer: AgendaItemWriter,
    @Inject(ResourceRepository) private readonly resources: ResourceRepository,
    @Inject(ProgramProjectionRepository) private readonly programs: ProgramProjectionRepository,
  ) {}

  async render(programId: string, participantId: string | null, options: RenderOptions = {}): Promise<Buffer> {
    const program = await this.programs.findProgram(programId);
    if (!program) throw new ProgramNotKnownError(programId);
    const participant = participantId ? await this.programs.findParticipant(programId, participantId) : null;
    if (participantId && !participant) throw new ParticipantNotKnownError(programId, participantId);

    const all = participantId ? await this.items.listByParticipant(programId, participantId) : await this.items.listByProgram(programId);
    const live = all.filter((item) => item.status !== 'cancelled');
    const states = await Promise.all(live.map((item) => this.writer.stateOf(item)));
    const placeIds = [...new Set(live.flatMap((item) => [item.venueId, item.resourceId]).filter((id): id is string => !!id))];
    const places = new Map<string, PlaceDetails>(
      (await this.resources.findMany(placeIds)).map((r) => [r.id, { address: r.address, streetAddress: r.streetAddress, contact: r.contact }]),
    );
    const people = new Map((await this.programs.activeParticipants(programId)).map((p) => [p.participantId, p.name]));
    const bookingConflicts = new Map<string, BookingConflict>(live.flatMap((item) => (item.bookingConflict ? [[item.id, item.bookingConflict] as const] : [])));
    const book = ProgramBook.build({
      programTitle: program.title,
      startDate: program.startDate,
      endDate: program.endDate,
      participantName: participant?.name ?? null,
      days: DayByDayItinerary.build(states),
      places,
      people,
      bookingConflicts,
      generatedAt: new Date(),
    });
    return renderProgramBookPdf(book, options);
  }
}
