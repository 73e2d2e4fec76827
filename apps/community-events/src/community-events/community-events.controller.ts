import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Inject, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPreconditionFailedResponse,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { DEFAULT_ROUTE_ROLES, IfMatch, Public, TenantContext, roleAllows, tenantOf } from '@diplomacy/service-kit';
import { RegistrationRepository } from '../registrations/registration.repository';
import type { CommunityEventEntity } from './community-event.entity';
import { CommunityEventRepository } from './community-event.repository';
import { CommunityEventNotFoundError } from './community-events.errors';
import { CancelCommunityEventDto } from './dto/cancel-community-event.dto';
import { CommunityEventResponse } from './dto/community-event.response';
import { CommunityEventIdParams, CreateCommunityEventDto } from './dto/create-community-event.dto';
import { ListCommunityEventsQuery } from './dto/list-community-events.query';
import { UpdateCommunityEventDto } from './dto/update-community-event.dto';
import { CancelCommunityEventUseCase } from './usecases/cancel-community-event.usecase';
import { CreateCommunityEventUseCase } from './usecases/create-community-event.usecase';
import { PublishCommunityEventUseCase } from './usecases/publish-community-event.usecase';
import { UpdateCommunityEventUseCase } from './usecases/update-community-event.usecase';

/** Organiser routes (coordinators write, viewers read, within their organisation) and the public event pages. */
@ApiTags('community events')
@Controller('community-events')
export class CommunityEventsController {
  constructor(
    @Inject(CreateCommunityEventUseCase) private readonly createEvent: CreateCommunityEventUseCase,
    @Inject(UpdateCommunityEventUseCase) private readonly updateEvent: UpdateCommunityEventUseCase,
    @Inject(PublishCommunityEventUseCase) private readonly publishEvent: PublishCommunityEventUseCase,
    @Inject(CancelCommunityEventUseCase) private readonly cancelEvent: CancelCommunityEventUseCase,
    @Inject(CommunityEventRepository) private readonly events: CommunityEventRepository,
    @Inject(RegistrationRepository) private readonly registrations: RegistrationRepository,
  ) {}

  private async respond(event: CommunityEventEntity, response: Response): Promise<CommunityEventResponse> {
    response.setHeader('ETag', IfMatch.etag(event.version));
    return CommunityEventResponse.of(event, await this.registrations.countWaitlisted(event.id));
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: CommunityEventResponse, description: 'Created in draft; nothing is published until it is.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
  async create(@Body() body: CreateCommunityEventDto, @Res({ passthrough: true }) response: Response): Promise<CommunityEventResponse> {
    return this.respond(await this.createEvent.execute(body), response);
  }

  @Get()
  @Public()
  @ApiOkResponse({ type: [CommunityEventResponse], description: 'Public: published public events, soonest first. Invite-only events are not listed.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid query parameter' })
  async list(@Query() query: ListCommunityEventsQuery): Promise<CommunityEventResponse[]> {
    const events = await this.events.listPublic({ programId: query.programId, limit: query.limit ?? 50 });
    return Promise.all(events.map(async (event) => CommunityEventResponse.of(event, await this.registrations.countWaitlisted(event.id))));
  }

  @Get(':id')
  @Public()
  @ApiOkResponse({
    type: CommunityEventResponse,
    description: 'Public event page (published, cancelled or completed events); a draft only for its organisation’s staff. The ETag header carries the version for If-Match.',
  })
  @ApiNotFoundResponse({ description: 'problem+json' })
  @ApiBadRequestResponse({ description: 'a malformed id' })
  async get(@Param() params: CommunityEventIdParams, @Res({ passthrough: true }) response: Response): Promise<CommunityEventResponse> {
    const event = (await this.events.findPublicPage(params.id)) ?? (await this.organisersDraft(params.id));
    if (!event) throw new CommunityEventNotFoundError(params.id);
    return this.respond(event, response);
  }

  /** A draft, looked up within the caller's own organisation when the caller is its staff; anyone else gets nothing. */
  private async organisersDraft(id: string): Promise<CommunityEventEntity | null> {
    const principal = TenantContext.principal();
    const tenant = principal && roleAllows(principal, DEFAULT_ROUTE_ROLES, 'read') ? tenantOf(principal) : null;
    return tenant ? TenantContext.run(tenant, () => this.events.findById(id), principal) : null;
  }

  @Patch(':id')
  @ApiBearerAuth()
  @ApiHeader({ name: 'If-Match', required: true, description: 'The version (ETag) you read, e.g. "3".' })
  @ApiOkResponse({ type: CommunityEventResponse, description: 'Changed; a published event publishes `event.updated`. More capacity promotes waiting parties.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
  @ApiNotFoundResponse({ description: 'problem+json' })
  @ApiConflictResponse({ description: 'the event is cancelled or completed, or the capacity is below the seats held' })
  @ApiPreconditionFailedResponse({ description: 'If-Match is stale; `currentVersion` says the version to re-read' })
  @ApiResponse({ status: HttpStatus.PRECONDITION_REQUIRED, description: 'If-Match is missing' })
  async update(
    @Param() params: CommunityEventIdParams,
    @Body() body: UpdateCommunityEventDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommunityEventResponse> {
    // Unreadable: 400 naming If-Match here. Missing: the use case answers 428 with this service's own code.
    const expectedVersion = IfMatch.parse(ifMatch);
    return this.respond(await this.updateEvent.execute({ id: params.id, expectedVersion, changes: body }), response);
  }

  @Post(':id/publish')
  @ApiBearerAuth()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: CommunityEventResponse, description: 'Published; `event.published` carries the whole event and its linked programs.' })
  @ApiNotFoundResponse({ description: 'problem+json' })
  @ApiConflictResponse({ description: 'not a draft; `allowedTransitions` lists what is possible' })
  async publish(@Param() params: CommunityEventIdParams, @Res({ passthrough: true }) response: Response): Promise<CommunityEventResponse> {
    return this.respond(await this.publishEvent.execute(params.id), response);
  }

  @Post(':id/cancel')
  @ApiBearerAuth()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: CommunityEventResponse, description: 'Cancelled; one `event.cancelled` is published for the whole event.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
  @ApiNotFoundResponse({ description: 'problem+json' })
  @ApiConflictResponse({ description: 'already cancelled or completed' })
  async cancel(
    @Param() params: CommunityEventIdParams,
    @Body() body: CancelCommunityEventDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommunityEventResponse> {
    return this.respond(await this.cancelEvent.execute(params.id, body.reason), response);
  }
}
