import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Patch, Post, Query, Res } from '@nestjs/common';
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
import { CursorCodec } from '../pagination/cursor.codec';
import { DEFAULT_PAGE_SIZE } from '../pagination/page.dto';
import { CalendarDate } from '../validation/field-formats';
import { IfMatch, IfMatchVersion, OptionalIfMatchVersion, RequestValidationError } from '@diplomacy/service-kit';
import { CreateProgramDto, ProgramIdParams } from './dto/create-program.dto';
import { ProgramPageResponse, ProgramResponse } from './dto/program.response';
import { ListProgramsQuery, TransitionProgramDto, UpdateProgramDto } from './dto/update-program.dto';
import { ProgramRepository } from './program.repository';
import type { ProgramView } from './program.view';
import { ProgramNotFoundError } from './programs.errors';
import { CreateProgramUseCase } from './usecases/create-program.usecase';
import { TransitionProgramStatusUseCase } from './usecases/transition-program-status.usecase';
import { UpdateProgramUseCase } from './usecases/update-program.usecase';

@ApiBearerAuth()
@ApiTags('programs')
@Controller('programs')
export class ProgramsController {
  constructor(
    @Inject(CreateProgramUseCase) private readonly createProgram: CreateProgramUseCase,
    @Inject(UpdateProgramUseCase) private readonly updateProgram: UpdateProgramUseCase,
    @Inject(TransitionProgramStatusUseCase) private readonly transitionProgram: TransitionProgramStatusUseCase,
    @Inject(ProgramRepository) private readonly programs: ProgramRepository,
  ) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiCreatedResponse({ type: ProgramResponse, description: 'Created in draft; `program.created` is published. Add legs, co-hosts and objectives with PATCH.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
  async create(@Body() body: CreateProgramDto, @Res({ passthrough: true }) res: Response): Promise<ProgramResponse> {
    const program = await this.createProgram.execute(body);
    res.setHeader('ETag', IfMatch.etag(program.version, 'weak'));
    return ProgramResponse.of(program);
  }

  @Get()
  @ApiOkResponse({ type: ProgramPageResponse, description: 'Sorted by start date, then id; follow `nextCursor` for more.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid query parameter' })
  async list(@Query() query: ListProgramsQuery): Promise<ProgramPageResponse> {
    if (query.from && query.to && query.to < query.from) {
      throw new RequestValidationError([{ field: 'to', messages: ['to must not be before from'] }]);
    }
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor ? CursorCodec.decode(query.cursor, CalendarDate.isValid) : null;
    // One extra row tells whether another page exists without a count query.
    const rows = await this.programs.list(query, limit + 1, after);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((view) => ProgramResponse.of(view)),
      nextCursor: rows.length > limit && last ? CursorCodec.encode({ sortKey: last.program.startDate, id: last.program.id }) : null,
    };
  }

  @Get(':id')
  @ApiOkResponse({ type: ProgramResponse, headers: { ETag: { description: 'W/"<version>"' } } })
  @ApiNotFoundResponse({ description: 'problem+json' })
  async get(@Param() params: ProgramIdParams, @Res({ passthrough: true }) res: Response): Promise<ProgramResponse> {
    const view = await this.programs.findView(params.id);
    if (!view) throw new ProgramNotFoundError(params.id);
    return respond(res, view);
  }

  @Patch(':id')
  @ApiHeader({ name: 'If-Match', required: true, description: 'The version you read, as W/"<version>", "<version>" or <version>.' })
  @ApiOkResponse({ type: ProgramResponse, description: '`program.updated` is published with the changed fields when something changed.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
  @ApiNotFoundResponse({ description: 'problem+json' })
  @ApiConflictResponse({ description: 'The program is completed or cancelled.' })
  @ApiPreconditionFailedResponse({ description: 'The program changed since you read it; nothing was written.' })
  @ApiResponse({ status: HttpStatus.PRECONDITION_REQUIRED, description: 'If-Match is missing.' })
  async update(
    @Param() params: ProgramIdParams,
    @IfMatchVersion() expectedVersion: number,
    @Body() body: UpdateProgramDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProgramResponse> {
    return respond(res, await this.updateProgram.execute({ id: params.id, expectedVersion, changes: body }));
  }

  @Post(':id/transitions')
  @HttpCode(HttpStatus.OK)
  @ApiHeader({ name: 'If-Match', required: false, description: 'Optional: refuse the transition if the program changed since this version.' })
  @ApiOkResponse({ type: ProgramResponse, description: '`program.status-changed` is published.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field (a cancellation needs a reason)' })
  @ApiNotFoundResponse({ description: 'problem+json' })
  @ApiConflictResponse({ description: 'Not allowed from the current status; `allowedTransitions` lists where it can go.' })
  @ApiPreconditionFailedResponse({ description: 'If-Match was sent and the program changed since.' })
  async transition(
    @Param() params: ProgramIdParams,
    @OptionalIfMatchVersion() expectedVersion: number | undefined,
    @Body() body: TransitionProgramDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProgramResponse> {
    return respond(res, await this.transitionProgram.execute({ id: params.id, to: body.to, reason: body.reason ?? null, expectedVersion }));
  }
}

function respond(res: Response, view: ProgramView): ProgramResponse {
  res.setHeader('ETag', IfMatch.etag(view.program.version, 'weak'));
  return ProgramResponse.of(view);
}
