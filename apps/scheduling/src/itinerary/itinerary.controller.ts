import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Inject, Param, Post, Put, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPreconditionFailedResponse,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AgendaItemStateV1 } from '@diplomacy/contracts';
import { ForbiddenRoleError, IfMatch, Roles, TenantContext } from '@diplomacy/service-kit';
import { ProgramProjectionRepository } from '../program-projection/program-projection.repository';
import { AgendaItemRepository } from './agenda-item.repository';
import { AgendaItemWriter } from './agenda-item-writer';
import { AgendaItemListResponse, AgendaItemResponse } from './dto/agenda-item.response';
import { ItineraryResponse } from './dto/itinerary.response';
import { DayByDayItinerary } from './day-by-day-itinerary';
import type { AgendaItemEntity, BookingConflict } from './agenda-item.entity';
import { AttendeesDto, CancelAgendaItemDto, ItemIdParams, ParticipantItineraryParams, ProgramIdParams, RescheduleAgendaItemDto, ScheduleAgendaItemDto } from './dto/agenda-item.dto';
import { ItineraryAccessPolicy } from './itinerary-access.policy';
import { AgendaItemNotFoundError, ProgramNotKnownError } from './itinerary.errors';
import { ScheduleAgendaItemUseCase } from './usecases/schedule-agenda-item.usecase';
import { CancelAgendaItemUseCase, ChangeAttendeesUseCase, ConfirmAgendaItemUseCase, RescheduleAgendaItemUseCase } from './usecases/change-agenda-item.usecases';

const IF_MATCH = { name: 'If-Match', required: true, description: 'ETag of the item as you read it, e.g. "3". Missing: 428. Stale: 412.' };
const CONFLICT = { description: 'problem+json with `rule` (participant-double-booked, travel-buffer, resource-double-booked, resource-unavailable, venue-capacity) and `conflictingItemId`' };

/**
 * Items and itineraries. Without @Roles a route is for the organisation's staff (coordinators
 * write, viewers read); every lookup is scoped to the caller's organisation, so another
 * organisation's program or item answers 404.
 */
@ApiTags('itinerary')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Outside your role: viewers, participants and contacts only read; a participant reads only their own itinerary.' })
@Controller()
export class ItineraryController {
  constructor(
    @Inject(ScheduleAgendaItemUseCase) private readonly schedule: ScheduleAgendaItemUseCase,
    @Inject(RescheduleAgendaItemUseCase) private readonly reschedule: RescheduleAgendaItemUseCase,
    @Inject(ChangeAttendeesUseCase) private readonly changeAttendees: ChangeAttendeesUseCase,
    @Inject(ConfirmAgendaItemUseCase) private readonly confirmItem: ConfirmAgendaItemUseCase,
    @Inject(CancelAgendaItemUseCase) private readonly cancelItem: CancelAgendaItemUseCase,
    @Inject(AgendaItemRepository) private readonly items: AgendaItemRepository,
    @Inject(AgendaItemWriter) private readonly writer: AgendaItemWriter,
    @Inject(ProgramProjectionRepository) private readonly programs: ProgramProjectionRepository,
  ) {}

  @Post('programs/:programId/agenda-items')
  @HttpCode(HttpStatus.CREATED)
  @ApiCreatedResponse({ type: AgendaItemResponse, description: 'Scheduled; `agenda-item.scheduled` is published. ETag carries the version.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
  @ApiNotFoundResponse({ description: 'The program is not known to scheduling (yet).' })
  @ApiConflictResponse(CONFLICT)
  async create(@Param() params: ProgramIdParams, @Body() body: ScheduleAgendaItemDto, @Res({ passthrough: true }) res: Response): Promise<AgendaItemResponse> {
    return this.respond(res, await this.schedule.execute(params.programId, body));
  }

  @Get('programs/:programId/agenda-items')
  @ApiOkResponse({ type: AgendaItemListResponse, description: 'Every item of the program, cancelled ones included, in time order.' })
  @ApiNotFoundResponse({ description: 'The program is not known to scheduling (or is another organisation\'s).' })
  async list(@Param() params: ProgramIdParams): Promise<AgendaItemListResponse> {
    await this.requireProgram(params.programId);
    const items = await this.items.listByProgram(params.programId);
    const states = await Promise.all(items.map((item) => this.writer.stateOf(item)));
    return { items: states.map((state, i) => AgendaItemResponse.of(state, items[i].bookingConflict)) };
  }

  @Get('agenda-items/:itemId')
  @Roles('coordinator', 'viewer', 'contact')
  @ApiOkResponse({ type: AgendaItemResponse, headers: { ETag: { description: 'The version, for If-Match.' } } })
  @ApiNotFoundResponse({ description: 'problem+json; also for a contact whose resource the item does not use.' })
  async get(@Param() params: ItemIdParams, @Res({ passthrough: true }) res: Response): Promise<AgendaItemResponse> {
    const item = await this.items.findById(params.itemId);
    // A contact learns nothing of items they are not part of, not even that they exist.
    if (!item || !ItineraryAccessPolicy.mayReadItem(TenantContext.principal(), item)) throw new AgendaItemNotFoundError(params.itemId);
    return this.respond(res, await this.writer.stateOf(item), item.bookingConflict);
  }

  @Post('agenda-items/:itemId/reschedule')
  @HttpCode(HttpStatus.OK)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: AgendaItemResponse, description: '`agenda-item.rescheduled` is published; a confirmed item becomes tentative.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
  @ApiConflictResponse(CONFLICT)
  @ApiPreconditionFailedResponse({ description: 'Stale If-Match; `currentVersion` says what to re-read.' })
  @ApiResponse({ status: 428, description: 'If-Match missing.' })
  async move(@Param() params: ItemIdParams, @Headers('if-match') ifMatch: string | undefined, @Body() body: RescheduleAgendaItemDto, @Res({ passthrough: true }) res: Response): Promise<AgendaItemResponse> {
    return this.respond(res, await this.reschedule.execute(params.itemId, IfMatch.require(ifMatch), body));
  }

  @Put('agenda-items/:itemId/attendees')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: AgendaItemResponse, description: '`agenda-item.attendees-changed` is published.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field, including ids that are not participants of the program' })
  @ApiConflictResponse(CONFLICT)
  @ApiPreconditionFailedResponse({ description: 'Stale If-Match.' })
  @ApiResponse({ status: 428, description: 'If-Match missing.' })
  async attendees(@Param() params: ItemIdParams, @Headers('if-match') ifMatch: string | undefined, @Body() body: AttendeesDto, @Res({ passthrough: true }) res: Response): Promise<AgendaItemResponse> {
    return this.respond(res, await this.changeAttendees.execute(params.itemId, IfMatch.require(ifMatch), body));
  }

  @Post('agenda-items/:itemId/confirm')
  @HttpCode(HttpStatus.OK)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: AgendaItemResponse, description: '`agenda-item.confirmed` is published.' })
  @ApiConflictResponse({ description: 'Not tentative (invalid-status-transition).' })
  @ApiPreconditionFailedResponse({ description: 'Stale If-Match.' })
  @ApiResponse({ status: 428, description: 'If-Match missing.' })
  async confirm(@Param() params: ItemIdParams, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response): Promise<AgendaItemResponse> {
    return this.respond(res, await this.confirmItem.execute(params.itemId, IfMatch.require(ifMatch)));
  }

  @Post('agenda-items/:itemId/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: AgendaItemResponse, description: '`agenda-item.cancelled` is published; attendees and resources are free again.' })
  @ApiBadRequestResponse({ description: 'reason missing' })
  @ApiConflictResponse({ description: 'Already cancelled (invalid-status-transition).' })
  @ApiPreconditionFailedResponse({ description: 'Stale If-Match.' })
  @ApiResponse({ status: 428, description: 'If-Match missing.' })
  async cancel(@Param() params: ItemIdParams, @Headers('if-match') ifMatch: string | undefined, @Body() body: CancelAgendaItemDto, @Res({ passthrough: true }) res: Response): Promise<AgendaItemResponse> {
    return this.respond(res, await this.cancelItem.execute(params.itemId, IfMatch.require(ifMatch), body));
  }

  @Get('programs/:programId/itinerary')
  @ApiOkResponse({ type: ItineraryResponse, description: 'Day by day, grouped by the local date where each item happens; cancelled items left out.' })
  @ApiBadRequestResponse({ description: 'problem+json naming programId' })
  @ApiNotFoundResponse({ description: 'The program is not known to scheduling (or is another organisation\'s).' })
  async programItinerary(@Param() params: ProgramIdParams): Promise<ItineraryResponse> {
    await this.requireProgram(params.programId);
    return this.itinerary(params.programId, null, await this.items.listByProgram(params.programId));
  }

  @Get('programs/:programId/participants/:participantId/itinerary')
  @Roles('coordinator', 'viewer', 'participant')
  @ApiOkResponse({ type: ItineraryResponse, description: 'One participant\'s days, grouped by local date; cancelled items left out. A participant reads their own (token claim participant_id).' })
  @ApiBadRequestResponse({ description: 'problem+json naming programId or participantId' })
  @ApiNotFoundResponse({ description: 'The program is not known to scheduling (or is another organisation\'s).' })
  async participantItinerary(@Param() params: ParticipantItineraryParams): Promise<ItineraryResponse> {
    if (!ItineraryAccessPolicy.mayReadParticipant(TenantContext.principal(), params.participantId)) throw new ForbiddenRoleError();
    await this.requireProgram(params.programId);
    return this.itinerary(params.programId, params.participantId, await this.items.listByParticipant(params.programId, params.participantId));
  }

  private async itinerary(programId: string, participantId: string | null, items: AgendaItemEntity[]): Promise<ItineraryResponse> {
    const live = items.filter((item) => item.status !== 'cancelled');
    const states = await Promise.all(live.map((item) => this.writer.stateOf(item)));
    const conflicts = new Map(live.flatMap((item) => (item.bookingConflict ? [[item.id, item.bookingConflict] as const] : [])));
    return ItineraryResponse.of(programId, participantId, DayByDayItinerary.build(states), conflicts);
  }

  /** The program in the caller's scope, or 404: another organisation's program is as unknown as one never announced. */
  private async requireProgram(programId: string): Promise<void> {
    if (!(await this.programs.findProgram(programId))) throw new ProgramNotKnownError(programId);
  }

  /**
   * Writes over HTTP either book under every rule (clearing any earlier flag) or answer 409, so their bookingConflict is null.
   * The ETag is the strong `"3"` scheduling has always sent; If-Match takes that, `W/"3"` or `3` alike.
   */
  private respond(res: Response, state: AgendaItemStateV1, bookingConflict: BookingConflict | null = null): AgendaItemResponse {
    res.setHeader('ETag', IfMatch.etag(state.version));
    return AgendaItemResponse.of(state, bookingConflict);
  }
}
