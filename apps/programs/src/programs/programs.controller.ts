import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreateProgramDto, ProgramIdParams } from './dto/create-program.dto';
import { ProgramResponse } from './dto/program.response';
import { ProgramRepository } from './program.repository';
import { ProgramNotFoundError } from './programs.errors';
import { CreateProgramUseCase } from './usecases/create-program.usecase';

@ApiTags('programs')
@Controller('programs')
export class ProgramsController {
  constructor(
    @Inject(CreateProgramUseCase) private readonly createProgram: CreateProgramUseCase,
    @Inject(ProgramRepository) private readonly programs: ProgramRepository,
  ) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiCreatedResponse({ type: ProgramResponse, description: 'Created in draft; `program.created` is published.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
  async create(@Body() body: CreateProgramDto): Promise<ProgramResponse> {
    return ProgramResponse.of(await this.createProgram.execute(body));
  }

  @Get(':id')
  @ApiOkResponse({ type: ProgramResponse })
  @ApiNotFoundResponse({ description: 'problem+json' })
  async get(@Param() params: ProgramIdParams): Promise<ProgramResponse> {
    const program = await this.programs.findById(params.id);
    if (!program) throw new ProgramNotFoundError(params.id);
    return ProgramResponse.of(program);
  }
}
