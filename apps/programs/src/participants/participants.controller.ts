import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Patch, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPreconditionFailedResponse,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { IfMatch, IfMatchVersion, OptionalIfMatchVersion, Roles, TenantContext } from '@diplomacy/service-kit';
import { ProgramIdParams } from '../programs/dto/create-program.dto';
import { ProgramRepository } from '../programs/program.repository';
import { ProgramNotFoundError } from '../programs/programs.errors';
import { AddParticipantDto, ParticipantParams, UpdateParticipantDto } from './dto/participant.dto';
import { ParticipantListResponse, ParticipantResponse } from './dto/participant.response';
import { ParticipantAccessPolicy } from './participant-access.policy';
import { ParticipantRepository } from './participant.repository';
import { ParticipantNotFoundError } from './participants.errors';
import { AddParticipantUseCase } from './usecases/add-participant.usecase';
import { RemoveParticipantUseCase } from './usecases/remove-participant.usecase';
import { UpdateParticipantUseCase } from './usecases/update-participant.usecase';

@ApiBearerAuth()
@ApiTags('participants')
@Controller('programs/:id/participants')
export class ParticipantsController {
  constructor(
    @Inject(AddParticipantUseCase) private readonly addParticipant: AddParticipantUseCase,
    @Inject(UpdateParticipantUseCase) private readonly updateParticipant: UpdateParticipantUseCase,
    @Inject(RemoveParticipantUseCase) private readonly removeParticipant: RemoveParticipantUseCase,
    @Inject(ParticipantRepository) private readonly participants: ParticipantRepository,
    @Inject(ProgramRepository) private readonly programs: ProgramRepository,
  ) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiCreatedResponse({ type: ParticipantResponse, description: '`participant.added` is published, without gender or private notes.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
  @ApiNotFoundResponse({ description: 'No such program.' })
  async add(@Param() params: ProgramIdParams, @Body() body: AddParticipantDto, @Res({ passthrough: true }) res: Response): Promise<ParticipantResponse> {
    const participant = await this.addParticipant.execute(params.id, body);
    res.setHeader('ETag', IfMatch.etag(participant.version, 'weak'));
    return ParticipantResponse.of(participant);
  }

  @Get()
  @ApiOkResponse({ type: ParticipantListResponse, description: 'Everyone on the program, in the order they were added.' })
  @ApiNotFoundResponse({ description: 'No such program.' })
  async list(@Param() params: ProgramIdParams): Promise<ParticipantListResponse> {
    if (!(await this.programs.findById(params.id))) throw new ProgramNotFoundError(params.id);
    return { items: (await this.participants.listForProgram(params.id)).map((p) => ParticipantResponse.of(p)) };
  }

  @Get(':participantId')
  @Roles('coordinator', 'viewer', 'participant')
  @ApiOkResponse({ type: ParticipantResponse, description: "The organisation's staff read any participant; a participant (token `participant_id`) only their own record." })
  @ApiNotFoundResponse({ description: 'problem+json' })
  async get(@Param() params: ParticipantParams, @Res({ passthrough: true }) res: Response): Promise<ParticipantResponse> {
    // Someone else's record does not exist for a participant, as another tenant's does not for anyone.
    const mayRead = ParticipantAccessPolicy.mayRead(TenantContext.principal(), params.participantId);
    const participant = mayRead ? await this.participants.find(params.id, params.participantId) : null;
    if (!participant) throw new ParticipantNotFoundError(params.id, params.participantId);
    res.setHeader('ETag', IfMatch.etag(participant.version, 'weak'));
    return ParticipantResponse.of(participant);
  }

  @Patch(':participantId')
  @ApiHeader({ name: 'If-Match', required: true, description: 'The version you read, as W/"<version>", "<version>" or <version>.' })
  @ApiOkResponse({ type: ParticipantResponse, description: '`participant.updated` is published when a public field changed.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
  @ApiNotFoundResponse({ description: 'problem+json' })
  @ApiPreconditionFailedResponse({ description: 'The participant changed since you read it; nothing was written.' })
  @ApiResponse({ status: HttpStatus.PRECONDITION_REQUIRED, description: 'If-Match is missing.' })
  async update(
    @Param() params: ParticipantParams,
    @IfMatchVersion() expectedVersion: number,
    @Body() body: UpdateParticipantDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ParticipantResponse> {
    const participant = await this.updateParticipant.execute({ programId: params.id, participantId: params.participantId, expectedVersion, changes: body });
    res.setHeader('ETag', IfMatch.etag(participant.version, 'weak'));
    return ParticipantResponse.of(participant);
  }

  @Delete(':participantId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiHeader({ name: 'If-Match', required: false, description: 'Optional: refuse if the participant changed since this version.' })
  @ApiNoContentResponse({ description: '`participant.removed` is published.' })
  @ApiNotFoundResponse({ description: 'problem+json' })
  @ApiPreconditionFailedResponse({ description: 'If-Match was sent and the participant changed since.' })
  async remove(@Param() params: ParticipantParams, @OptionalIfMatchVersion() expectedVersion: number | undefined): Promise<void> {
    await this.removeParticipant.execute({ programId: params.id, participantId: params.participantId, expectedVersion });
  }
}
