import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { IfMatch, IfMatchVersion } from '@diplomacy/service-kit';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPreconditionFailedResponse,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CursorCodec } from '../pagination/cursor.codec';
import { DEFAULT_PAGE_SIZE } from '../pagination/page.dto';
import { CreateOrganisationDto, ListOrganisationsQuery, OrganisationIdParams, UpdateOrganisationDto } from './dto/organisation.dto';
import { OrganisationPageResponse, OrganisationResponse } from './dto/organisation.response';
import { OrganisationRepository } from './organisation.repository';
import { OrganisationNotFoundError } from './organisations.errors';
import { CreateOrganisationUseCase } from './usecases/create-organisation.usecase';
import { UpdateOrganisationUseCase } from './usecases/update-organisation.usecase';

@ApiBearerAuth()
@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(
    @Inject(CreateOrganisationUseCase) private readonly createOrganisation: CreateOrganisationUseCase,
    @Inject(UpdateOrganisationUseCase) private readonly updateOrganisation: UpdateOrganisationUseCase,
    @Inject(OrganisationRepository) private readonly organisations: OrganisationRepository,
  ) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiCreatedResponse({ type: OrganisationResponse, description: '`organisation.created` is published.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
  async create(@Body() body: CreateOrganisationDto, @Res({ passthrough: true }) res: Response): Promise<OrganisationResponse> {
    const view = await this.createOrganisation.execute(body);
    res.setHeader('ETag', IfMatch.etag(view.organisation.version, 'weak'));
    return OrganisationResponse.of(view);
  }

  @Get()
  @ApiOkResponse({ type: OrganisationPageResponse, description: 'Sorted by name, then id; follow `nextCursor` for more.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid query parameter' })
  async list(@Query() query: ListOrganisationsQuery): Promise<OrganisationPageResponse> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor ? CursorCodec.decode(query.cursor) : null;
    // One extra row tells whether another page exists without a count query.
    const rows = await this.organisations.list(query, limit + 1, after);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((view) => OrganisationResponse.of(view)),
      nextCursor: rows.length > limit && last ? CursorCodec.encode({ sortKey: last.organisation.name, id: last.organisation.id }) : null,
    };
  }

  @Get(':id')
  @ApiOkResponse({ type: OrganisationResponse, headers: { ETag: { description: 'W/"<version>"' } } })
  @ApiNotFoundResponse({ description: 'problem+json' })
  async get(@Param() params: OrganisationIdParams, @Res({ passthrough: true }) res: Response): Promise<OrganisationResponse> {
    const view = await this.organisations.findView(params.id);
    if (!view) throw new OrganisationNotFoundError(params.id);
    res.setHeader('ETag', IfMatch.etag(view.organisation.version, 'weak'));
    return OrganisationResponse.of(view);
  }

  @Patch(':id')
  @ApiHeader({ name: 'If-Match', required: true, description: 'The version you read, as W/"<version>", "<version>" or <version>.' })
  @ApiOkResponse({ type: OrganisationResponse, description: '`organisation.updated` is published when something changed.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
  @ApiNotFoundResponse({ description: 'problem+json' })
  @ApiPreconditionFailedResponse({ description: 'The organisation changed since you read it; nothing was written.' })
  @ApiResponse({ status: HttpStatus.PRECONDITION_REQUIRED, description: 'If-Match is missing.' })
  async update(
    @Param() params: OrganisationIdParams,
    @IfMatchVersion() expectedVersion: number,
    @Body() body: UpdateOrganisationDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OrganisationResponse> {
    const view = await this.updateOrganisation.execute({ id: params.id, expectedVersion, changes: body });
    res.setHeader('ETag', IfMatch.etag(view.organisation.version, 'weak'));
    return OrganisationResponse.of(view);
  }
}
