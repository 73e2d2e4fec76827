import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ForbiddenRoleError, Roles, TenantContext } from '@diplomacy/service-kit';
import { ItineraryAccessPolicy } from '../itinerary/itinerary-access.policy';
import { ResourceNotFoundError } from '../itinerary/itinerary.errors';
import { CreateResourceDto, ResourceIdParams, ResourceResponse } from './dto/resource.dto';
import { RegisterResourceUseCase } from './register-resource.usecase';
import { ResourceRepository } from './resource.repository';

/**
 * Venues and resource organisations of the caller's organisation. Staff manage them; the
 * resource's contact (token `contact_id` = the resource id) reads it, and the items held at it
 * (ResourceAgendaController).
 */
@ApiTags('resources')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Outside your role; a contact reads only their own resource.' })
@Controller('resources')
export class ResourcesController {
  constructor(
    @Inject(RegisterResourceUseCase) private readonly register: RegisterResourceUseCase,
    @Inject(ResourceRepository) private readonly resources: ResourceRepository,
  ) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiCreatedResponse({ type: ResourceResponse, description: 'In the caller\'s organisation (a platform admin names one).' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
  async create(@Body() body: CreateResourceDto): Promise<ResourceResponse> {
    return ResourceResponse.of(await this.register.execute(body));
  }

  @Get(':resourceId')
  @Roles('coordinator', 'viewer', 'contact')
  @ApiOkResponse({ type: ResourceResponse })
  @ApiNotFoundResponse({ description: 'problem+json' })
  async get(@Param() params: ResourceIdParams): Promise<ResourceResponse> {
    this.assertMayRead(params.resourceId);
    const found = await this.resources.findById(params.resourceId);
    if (!found) throw new ResourceNotFoundError(params.resourceId);
    return ResourceResponse.of(found);
  }

  /** Decided from the path alone (before any lookup), so a refusal says nothing about other resources. */
  private assertMayRead(resourceId: string): void {
    if (!ItineraryAccessPolicy.mayReadResource(TenantContext.principal(), resourceId)) throw new ForbiddenRoleError();
  }
}
