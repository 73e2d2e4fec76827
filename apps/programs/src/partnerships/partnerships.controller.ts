import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { IfMatch, IfMatchVersion } from '@diplomacy/service-kit';
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
import { CreatePartnershipDto, ListPartnershipsQuery, PartnershipIdParams, UpdatePartnershipDto } from './dto/partnership.dto';
import { ExchangeHistoryResponse, PartnershipListResponse, PartnershipResponse } from './dto/partnership.response';
import { PartnershipRepository } from './partnership.repository';
import { PartnershipNotFoundError } from './partnerships.errors';
import { CreatePartnershipUseCase } from './usecases/create-partnership.usecase';
import { UpdatePartnershipUseCase } from './usecases/update-partnership.usecase';

/**
 * Sister-city partnerships. Visible to the managing organisation and to the organisations that
 * maintain either association; changed by the managing organisation only (PartnershipRepository).
 */
@ApiBearerAuth()
@ApiTags('partnerships')
@Controller('partnerships')
export class PartnershipsController {
  constructor(
    @Inject(CreatePartnershipUseCase) private readonly createPartnership: CreatePartnershipUseCase,
    @Inject(UpdatePartnershipUseCase) private readonly updatePartnership: UpdatePartnershipUseCase,
    @Inject(PartnershipRepository) private readonly partnerships: PartnershipRepository,
  ) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiCreatedResponse({ type: PartnershipResponse, description: '`partnership.created` is published.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
  @ApiConflictResponse({ description: 'The two communities already have a partnership.' })
  async create(@Body() body: CreatePartnershipDto, @Res({ passthrough: true }) res: Response): Promise<PartnershipResponse> {
    const partnership = await this.createPartnership.execute(body);
    res.setHeader('ETag', IfMatch.etag(partnership.version, 'weak'));
    return PartnershipResponse.of(partnership);
  }

  @Get()
  @ApiOkResponse({ type: PartnershipListResponse, description: 'Sorted by US community, then id.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid query parameter' })
  async list(@Query() query: ListPartnershipsQuery): Promise<PartnershipListResponse> {
    return { items: (await this.partnerships.list(query)).map((p) => PartnershipResponse.of(p)) };
  }

  @Get(':id')
  @ApiOkResponse({ type: PartnershipResponse })
  @ApiNotFoundResponse({ description: 'problem+json' })
  async get(@Param() params: PartnershipIdParams, @Res({ passthrough: true }) res: Response): Promise<PartnershipResponse> {
    const partnership = await this.partnerships.findById(params.id);
    if (!partnership) throw new PartnershipNotFoundError(params.id);
    res.setHeader('ETag', IfMatch.etag(partnership.version, 'weak'));
    return PartnershipResponse.of(partnership);
  }

  @Get(':id/exchanges')
  @ApiOkResponse({ type: ExchangeHistoryResponse, description: 'The exchange history: programs linked to the partnership.' })
  @ApiNotFoundResponse({ description: 'problem+json' })
  async exchanges(@Param() params: PartnershipIdParams): Promise<ExchangeHistoryResponse> {
    if (!(await this.partnerships.exists(params.id))) throw new PartnershipNotFoundError(params.id);
    return { partnershipId: params.id, exchanges: await this.partnerships.exchanges(params.id) };
  }

  @Patch(':id')
  @ApiHeader({ name: 'If-Match', required: true, description: 'The version you read, as W/"<version>", "<version>" or <version>.' })
  @ApiOkResponse({ type: PartnershipResponse, description: '`partnership.updated` is published when something changed.' })
  @ApiForbiddenResponse({ description: 'A viewer, or the partner organisation: only the managing organisation changes a partnership.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
  @ApiNotFoundResponse({ description: 'problem+json' })
  @ApiPreconditionFailedResponse({ description: 'The partnership changed since you read it; nothing was written.' })
  @ApiResponse({ status: HttpStatus.PRECONDITION_REQUIRED, description: 'If-Match is missing.' })
  async update(
    @Param() params: PartnershipIdParams,
    @IfMatchVersion() expectedVersion: number,
    @Body() body: UpdatePartnershipDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PartnershipResponse> {
    const partnership = await this.updatePartnership.execute({ id: params.id, expectedVersion, changes: body });
    res.setHeader('ETag', IfMatch.etag(partnership.version, 'weak'));
    return PartnershipResponse.of(partnership);
  }
}
