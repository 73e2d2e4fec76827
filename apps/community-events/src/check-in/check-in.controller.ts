import { Body, Controller, Get, HttpStatus, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommunityEventRepository } from '../community-events/community-event.repository';
import { CommunityEventNotFoundError } from '../community-events/community-events.errors';
import { CommunityEventIdParams } from '../community-events/dto/create-community-event.dto';
import type { RegistrationEntity } from '../registrations/registration.entity';
import { RegistrationRepository } from '../registrations/registration.repository';
import { CheckInUseCase } from './check-in.usecase';
import { CheckInDto, CheckInLookupQuery, CheckInResponse } from './dto/check-in.dto';

const view = (r: RegistrationEntity): CheckInResponse => ({
  registrationId: r.id,
  name: r.name,
  partySize: r.partySize,
  checkedInParty: r.checkedInParty,
  checkedInAt: r.checkedInAt?.toISOString() ?? null,
});

/** Organiser routes: coordinators check parties in; viewers may look names up. */
@ApiBearerAuth()
@ApiTags('check-in')
@Controller('community-events/:id/check-ins')
export class CheckInController {
  constructor(
    @Inject(CheckInUseCase) private readonly checkIn: CheckInUseCase,
    @Inject(RegistrationRepository) private readonly registrations: RegistrationRepository,
    @Inject(CommunityEventRepository) private readonly events: CommunityEventRepository,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: CheckInResponse, description: 'Checked in; `registration.checked-in` carries the party size and linked programs.' })
  @ApiOkResponse({ type: CheckInResponse, description: 'Already checked in: nothing changed.' })
  @ApiBadRequestResponse({ description: 'problem+json naming token/registrationId/partySize' })
  @ApiNotFoundResponse({ description: 'no such event or registration' })
  @ApiConflictResponse({ description: 'the registration is not confirmed or the event is not published' })
  async create(@Param() params: CommunityEventIdParams, @Body() body: CheckInDto, @Res({ passthrough: true }) response: Response): Promise<CheckInResponse> {
    const outcome = await this.checkIn.execute({ eventId: params.id, ...body });
    response.status(outcome.checkedInNow ? HttpStatus.CREATED : HttpStatus.OK);
    return view(outcome.registration);
  }

  @Get('lookup')
  @ApiOkResponse({ type: [CheckInResponse], description: 'Confirmed registrations whose name contains the text, at most 20.' })
  @ApiBadRequestResponse({ description: 'problem+json naming `name`' })
  @ApiNotFoundResponse({ description: 'no such event' })
  async lookup(@Param() params: CommunityEventIdParams, @Query() query: CheckInLookupQuery): Promise<CheckInResponse[]> {
    if (!(await this.events.findById(params.id))) throw new CommunityEventNotFoundError(params.id);
    return (await this.registrations.searchConfirmedByName(params.id, query.name, 20)).map(view);
  }
}
