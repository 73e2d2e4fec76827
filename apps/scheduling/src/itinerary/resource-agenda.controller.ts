import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ForbiddenRoleError, Roles, TenantContext } from '@diplomacy/service-kit';
import { ResourceIdParams } from '../resources/dto/resource.dto';
import { ResourceRepository } from '../resources/resource.repository';
import { AgendaItemRepository } from './agenda-item.repository';
import { AgendaItemWriter } from './agenda-item-writer';
import { AgendaItemListResponse, AgendaItemResponse } from './dto/agenda-item.response';
import { ItineraryAccessPolicy } from './itinerary-access.policy';
import { ResourceNotFoundError } from './itinerary.errors';

/** The agenda of one venue or resource organisation: what its host/resource contact is part of. */
@ApiTags('resources')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Outside your role; a contact reads only their own resource\'s agenda.' })
@Controller()
export class ResourceAgendaController {
  constructor(
    @Inject(ResourceRepository) private readonly resources: ResourceRepository,
    @Inject(AgendaItemRepository) private readonly items: AgendaItemRepository,
    @Inject(AgendaItemWriter) private readonly writer: AgendaItemWriter,
  ) {}

  @Get('resources/:resourceId/agenda-items')
  @Roles('coordinator', 'viewer', 'contact')
  @ApiOkResponse({ type: AgendaItemListResponse, description: 'Every item held at this venue or with this resource organisation, of every program of the organisation, cancelled ones included, in time order.' })
  @ApiNotFoundResponse({ description: 'problem+json' })
  async list(@Param() params: ResourceIdParams): Promise<AgendaItemListResponse> {
    // Decided from the path alone, before any lookup, so a refusal says nothing about other resources.
    if (!ItineraryAccessPolicy.mayReadResource(TenantContext.principal(), params.resourceId)) throw new ForbiddenRoleError();
    if (!(await this.resources.findById(params.resourceId))) throw new ResourceNotFoundError(params.resourceId);
    const items = await this.items.listByResource(params.resourceId);
    const states = await Promise.all(items.map((item) => this.writer.stateOf(item)));
    return { items: states.map((state, i) => AgendaItemResponse.of(state, items[i].bookingConflict)) };
  }
}
