import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ForbiddenRoleError, Roles, TenantContext } from '@diplomacy/service-kit';
import { ItineraryAccessPolicy } from '../itinerary/itinerary-access.policy';
import { ParticipantItineraryParams, ProgramIdParams } from '../itinerary/dto/agenda-item.dto';
import { ProgramBookService } from './program-book.service';

const PDF = { description: 'The program book (PDF): each local day\'s items, addresses, contacts and the travel time between items at different venues, from the current state.' };

/** Staff print any program book of their organisation; a participant prints their own. */
@ApiTags('itinerary')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Outside your role, or another participant\'s book.' })
@Controller()
export class ProgramBookController {
  constructor(@Inject(ProgramBookService) private readonly books: ProgramBookService) {}

  @Get('programs/:programId/itinerary.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF)
  @ApiBadRequestResponse({ description: 'problem+json naming programId' })
  @ApiNotFoundResponse({ description: 'The program is not known to scheduling (yet).' })
  async program(@Param() params: ProgramIdParams, @Res() res: Response): Promise<void> {
    this.send(res, await this.books.render(params.programId, null), `itinerary-${params.programId}.pdf`);
  }

  @Get('programs/:programId/participants/:participantId/itinerary.pdf')
  @Roles('coordinator', 'viewer', 'participant')
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF)
  @ApiBadRequestResponse({ description: 'problem+json naming programId or participantId' })
  @ApiNotFoundResponse({ description: 'The program or the participant is not known to scheduling.' })
  async participant(@Param() params: ParticipantItineraryParams, @Res() res: Response): Promise<void> {
    if (!ItineraryAccessPolicy.mayReadParticipant(TenantContext.principal(), params.participantId)) throw new ForbiddenRoleError();
    this.send(res, await this.books.render(params.programId, params.participantId), `itinerary-${params.programId}-${params.participantId}.pdf`);
  }

  private send(res: Response, pdf: Buffer, filename: string): void {
    res.status(200).type('application/pdf').setHeader('Content-Disposition', `inline; filename="${filename}"`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.send(pdf);
  }
}
