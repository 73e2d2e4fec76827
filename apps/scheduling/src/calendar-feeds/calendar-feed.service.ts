import { Inject, Injectable } from '@nestjs/common';
import { AgendaItemRepository } from '../itinerary/agenda-item.repository';
import { AgendaItemWriter } from '../itinerary/agenda-item-writer';
import { resourceContact } from '../itinerary/agenda-item.state';
import { ProgramProjectionRepository } from '../program-projection/program-projection.repository';
import { ResourceRepository } from '../resources/resource.repository';
import { buildIcsCalendar } from './ics-calendar';

/** Renders a feed from the current itinerary on every request, so a subscriber is never served a stale copy. */
@Injectable()
export class CalendarFeedService {
  constructor(
    @Inject(AgendaItemRepository) private readonly items: AgendaItemRepository,
    @Inject(AgendaItemWriter) private readonly writer: AgendaItemWriter,
    @Inject(ResourceRepository) private readonly resources: ResourceRepository,
    @Inject(ProgramProjectionRepository) private readonly programs: ProgramProjectionRepository,
  ) {}

  async render(programId: string, participantId: string | null): Promise<string> {
    const program = await this.programs.findProgram(programId);
    const participant = participantId ? await this.programs.findParticipant(programId, participantId) : null;
    const items = participantId ? await this.items.listByParticipant(programId, participantId) : await this.items.listByProgram(programId);
    const feedItems = await Promise.all(
      items.map(async (item) => {
        const state = await this.writer.stateOf(item);
        const [venue, resource] = await Promise.all([item.venueId ? this.resources.findById(item.venueId) : null, item.resourceId ? this.resources.findById(item.resourceId) : null]);
        return { state, resourceContact: resourceContact(venue, resource), lastModified: item.updatedAt };
      }),
    );
    const name = [program?.title ?? 'Itinerary', participant?.name].filter(Boolean).join(' – ');
    return buildIcsCalendar(name, feedItems);
  }
}
