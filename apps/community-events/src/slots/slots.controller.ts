import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public, RateLimit } from '@diplomacy/service-kit';
import { CommunityEventRepository } from '../community-events/community-event.repository';
import { CommunityEventNotFoundError } from '../community-events/community-events.errors';
import { CommunityEventIdParams } from '../community-events/dto/create-community-event.dto';
import { ClaimSlotDto, CreateSlotDto, SlotClaimParams, SlotResponse } from './dto/slot.dto';
import { SlotRepository } from './slot.repository';
import { CreateSlotUseCase } from './usecases/create-slot.usecase';
import { SlotClaimsUseCase } from './usecases/claim-slot.usecase';

@ApiTags('sign-up slots')
@Controller()
export class SlotsController {
  constructor(
    @Inject(CreateSlotUseCase) private readonly createSlot: CreateSlotUseCase,
    @Inject(SlotClaimsUseCase) private readonly claims: SlotClaimsUseCase,
    @Inject(SlotRepository) private readonly slots: SlotRepository,
    @Inject(CommunityEventRepository) private readonly events: CommunityEventRepository,
  ) {}

  @Post('community-events/:id/slots')
  @ApiBearerAuth()
  @HttpCode(HttpStatus.CREATED)
  @ApiCreatedResponse({ type: SlotResponse })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
  @ApiNotFoundResponse({ description: 'no such event' })
  @ApiConflictResponse({ description: 'a slot with this label exists, or the event is over' })
  async create(@Param() params: CommunityEventIdParams, @Body() body: CreateSlotDto): Promise<SlotResponse> {
    return SlotResponse.of(await this.createSlot.execute(params.id, body), []);
  }

  @Get('community-events/:id/slots')
  @ApiBearerAuth()
  @ApiOkResponse({ type: [SlotResponse], description: 'Organiser view: every slot with who brings what.' })
  @ApiNotFoundResponse({ description: 'no such event' })
  async list(@Param() params: CommunityEventIdParams): Promise<SlotResponse[]> {
    if (!(await this.events.findById(params.id))) throw new CommunityEventNotFoundError(params.id);
    const claims = await this.slots.claimsForEvent(params.id);
    return (await this.slots.listForEvent(params.id)).map((slot) => SlotResponse.of(slot, claims.filter((c) => c.slotId === slot.id)));
  }

  @Put('registrations/self/:token/slots/:slotId')
  @Public()
  @RateLimit()
  @ApiOkResponse({ type: SlotResponse, description: 'The registration now holds `quantity` (default 1) of the slot; `slot.claimed` or `slot.released` says by how much it changed.' })
  @ApiBadRequestResponse({ description: 'problem+json naming the invalid token, slotId or quantity' })
  @ApiNotFoundResponse({ description: 'no registration for the link, or no such slot on its event' })
  @ApiConflictResponse({ description: 'not enough left, the registration is not confirmed, or the event is not published' })
  async claim(@Param() params: SlotClaimParams, @Body() body: ClaimSlotDto): Promise<SlotResponse> {
    return SlotResponse.of(await this.claims.claim(params.token, params.slotId, body.quantity ?? 1));
  }

  @Delete('registrations/self/:token/slots/:slotId')
  @Public()
  @RateLimit()
  @ApiOkResponse({ type: SlotResponse, description: 'The claim is given back (`slot.released`); releasing nothing changes nothing.' })
  @ApiBadRequestResponse({ description: 'a malformed token or slotId' })
  @ApiNotFoundResponse({ description: 'no registration for the link, or no such slot on its event' })
  async release(@Param() params: SlotClaimParams): Promise<SlotResponse> {
    return SlotResponse.of(await this.claims.release(params.token, params.slotId));
  }
}
