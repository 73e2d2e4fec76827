import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ResourceNotFoundError } from '../itinerary/itinerary.errors';
import { CreateResourceDto, ResourceIdParams, ResourceResponse } from './dto/resource.dto';
import { RegisterResourceUseCase } from './register-resource.usecase';
import { ResourceRepository } from './resource.repository';

@ApiTags('resources')
@Controller('resources')
export class ResourcesController {
  constructor(
    @Inject(RegisterResourceUseCase) private readonly register: RegisterResourceUseCase,
    @Inject(ResourceRepository) private readonly resources: ResourceRepository,
  ) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiCreatedResponse({ type: ResourceResponse })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
  async create(@Body() body: CreateResourceDto): Promise<ResourceResponse> {
    return ResourceResponse.of(await this.register.execute(body));
  }

  @Get(':resourceId')
  @ApiOkResponse({ type: ResourceResponse })
  @ApiNotFoundResponse({ description: 'problem+json' })
  async get(@Param() params: ResourceIdParams): Promise<ResourceResponse> {
    const found = await this.resources.findById(params.resourceId);
    if (!found) throw new ResourceNotFoundError(params.resourceId);
    return ResourceResponse.of(found);
  }
}
