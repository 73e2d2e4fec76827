import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Public, RateLimit } from '@diplomacy/service-kit';
import { CommunityEventRepository } from '../community-events/community-event.repository';
import { SlotRepository } from '../slots/slot.repository';
import { ChangePartySizeDto, SelfServiceTokenParams } from './dto/register.dto';
import { SelfServiceRegistrationResponse } from './dto/registration.response';
import type { RegistrationEntity } from './registration.entity';
import { RegistrationRepository } from './registration.repository';
import { RegistrationNotFoundError } from './registrations.errors';
import { SelfServiceLinks } from './self-service-links';
import { CancelRegistrationUseCase } from './usecases/cancel-registration.usecase';
import { ChangePartySizeUseCase } from './usecases/change-party-size.usecase';
import { ClaimOfferUseCase } from './usecases/claim-offer.usecase';

/**
 * What a registrant can do with the secret link alone, no account needed. The link is the
 * credential, so these routes are rate-limited like a login: guessing links costs time.
 */
@Public()
@RateLimit()
@ApiTooManyRequestsResponse({ description: 'too many requests from this address; Retry-After says when to try again' })
@ApiTags('self-service')
@Controller('registrations/self/:token')
export class SelfServiceController {
  constructor(
    @Inject(SelfServiceLinks) private readonly links: SelfServiceLinks,
    @Inject(RegistrationRepository) private readonly registrations: RegistrationRepository,
    @Inject(CommunityEventRepository) private readonly events: CommunityEventRepository,
    @Inject(SlotRepository) private readonly slots: SlotRepository,
    @Inject(ChangePartySizeUseCase) private readonly changePartySize: ChangePartySizeUseCase,
    @Inject(CancelRegistrationUseCase) private readonly cancelRegistration: CancelRegistrationUseCase,
    @Inject(ClaimOfferUseCase) private readonly claimOffer: ClaimOfferUseCase,
  ) {}

  private async view(registration: RegistrationEntity): Promise<SelfServiceRegistrationResponse> {
    const event = await this.events.findById(registration.eventId);
    if (!event) throw new RegistrationNotFoundError();
    const position = registration.status === 'waitlisted' ? await this.registrations.waitlistPosition(registration) : null;
    return SelfServiceRegistrationResponse.view(registration, event, position, await this.slots.claimsForRegistration(registration.id));
  }

  @Get()
  @ApiOkResponse({ type: SelfServiceRegistrationResponse })
  @ApiBadRequestResponse({ description: 'a malformed token' })
  @ApiNotFoundResponse({ description: 'no registration matches the link' })
  async get(@Param() params: SelfServiceTokenParams): Promise<SelfServiceRegistrationResponse> {
    return this.view(await this.links.resolve(params.token));
  }

  @Patch()
  @ApiOkResponse({ type: SelfServiceRegistrationResponse, description: 'Party size changed; freed seats go to the waitlist.' })
  @ApiBadRequestResponse({ description: 'problem+json naming partySize (or the token)' })
  @ApiNotFoundResponse({ description: 'no registration matches the link' })
  @ApiConflictResponse({ description: 'not enough free seats to grow, the registration ended, or the party already checked in' })
  async patch(@Param() params: SelfServiceTokenParams, @Body() body: ChangePartySizeDto): Promise<SelfServiceRegistrationResponse> {
    return this.view(await this.changePartySize.execute(params.token, body.partySize));
  }

  @Delete()
  @ApiOkResponse({ type: SelfServiceRegistrationResponse, description: 'Cancelled (or already was); sign-ups are released and seats go to the waitlist.' })
  @ApiBadRequestResponse({ description: 'a malformed token' })
  @ApiNotFoundResponse({ description: 'no registration matches the link' })
  async cancel(@Param() params: SelfServiceTokenParams): Promise<SelfServiceRegistrationResponse> {
    return this.view(await this.cancelRegistration.execute(params.token));
  }

  @Post('claim')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SelfServiceRegistrationResponse, description: 'The offered seats are confirmed.' })
  @ApiBadRequestResponse({ description: 'a malformed token' })
  @ApiNotFoundResponse({ description: 'no registration matches the link' })
  @ApiConflictResponse({ description: 'nothing to claim, or the claim deadline passed' })
  async claim(@Param() params: SelfServiceTokenParams): Promise<SelfServiceRegistrationResponse> {
    return this.view(await this.claimOffer.execute(params.token));
  }
}
