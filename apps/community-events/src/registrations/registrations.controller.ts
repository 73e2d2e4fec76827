import { Body, Controller, HttpStatus, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public, RateLimit } from '@diplomacy/service-kit';
import { CommunityEventIdParams } from '../community-events/dto/create-community-event.dto';
import { RegisterDto } from './dto/register.dto';
import { RegistrationResponse } from './dto/registration.response';
import { RegisterUseCase } from './usecases/register.usecase';

@ApiTags('registrations')
@Controller('community-events/:id/registrations')
export class RegistrationsController {
  constructor(@Inject(RegisterUseCase) private readonly register: RegisterUseCase) {}

  @Post()
  @Public()
  @RateLimit()
  @ApiTooManyRequestsResponse({ description: 'too many registrations from this address; Retry-After says when to try again' })
  @ApiCreatedResponse({
    type: RegistrationResponse,
    description: 'Registered: `confirmed` while the whole party fits, else `waitlisted`. The body carries the self-service token, once.',
  })
  @ApiOkResponse({ type: RegistrationResponse, description: 'This email already holds a live registration for the event (a retry): it is returned, without its token.' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field (a party over the event’s maximum names partySize)' })
  @ApiNotFoundResponse({ description: 'no such event' })
  @ApiConflictResponse({ description: 'registration is not open (draft, cancelled, before the window, after it closed)' })
  async create(@Param() params: CommunityEventIdParams, @Body() body: RegisterDto, @Res({ passthrough: true }) response: Response): Promise<RegistrationResponse> {
    const outcome = await this.register.execute(params.id, body);
    response.status(outcome.created ? HttpStatus.CREATED : HttpStatus.OK);
    return RegistrationResponse.of(outcome.registration, {
      waitlistPosition: outcome.waitlistPosition,
      selfServiceToken: outcome.selfServiceToken ?? undefined,
    });
  }
}
