import { randomBytes, randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { TenantContext } from '@diplomacy/service-kit';
import { SubscriberNotKnownError } from '../notifications.errors';
import { SecretBox } from './secret-box';
import { subscriberOrganisation } from './subscriber-organisation';
import { WebhookSubscriberRepository } from './webhook-subscriber.repository';
import type { WebhookSubscriber } from './webhook-subscriber.repository';
import { CreateWebhookSubscriberDto, CreatedWebhookSubscriberResponse, SubscriberIdParams, WebhookSubscriberResponse } from './dto/webhook-subscriber.dto';

const view = (s: WebhookSubscriber): WebhookSubscriberResponse => ({ ...s, createdAt: s.createdAt.toISOString() });

/**
 * Systems that take notifications as signed webhooks register here: coordinators manage their
 * organisation's subscribers, viewers read them. The signing secret is answered once, on
 * creation; it is stored encrypted (SecretBox) and never returned or logged again.
 */
@ApiTags('webhook-subscribers')
@Controller('webhook-subscribers')
export class WebhookSubscribersController {
  constructor(
    @Inject(WebhookSubscriberRepository) private readonly subscribers: WebhookSubscriberRepository,
    @Inject(SecretBox) private readonly secrets: SecretBox,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedWebhookSubscriberResponse })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
  @ApiForbiddenResponse({ description: 'Not a coordinator, or organisationId names another organisation' })
  async create(@Body() body: CreateWebhookSubscriberDto): Promise<CreatedWebhookSubscriberResponse> {
    const organisationId = subscriberOrganisation(TenantContext.require(), body.organisationId);
    const secret = body.secret ?? randomBytes(32).toString('base64url');
    const created = await this.subscribers.create(
      { subscriberId: randomUUID(), name: body.name, url: body.url, eventTypes: body.eventTypes, organisationId },
      this.secrets.seal(secret),
    );
    return { ...view(created), secret };
  }

  @Get(':subscriberId')
  @ApiOkResponse({ type: WebhookSubscriberResponse })
  @ApiNotFoundResponse({ description: 'No such subscriber' })
  @ApiBadRequestResponse({ description: 'subscriberId is not a UUID' })
  async get(@Param() params: SubscriberIdParams): Promise<WebhookSubscriberResponse> {
    const found = await this.subscribers.find(params.subscriberId);
    if (!found) throw new SubscriberNotKnownError(params.subscriberId);
    return view(found);
  }

  @Delete(':subscriberId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deactivated: no further deliveries are planned for it' })
  @ApiNotFoundResponse({ description: 'No such active subscriber' })
  @ApiBadRequestResponse({ description: 'subscriberId is not a UUID' })
  async remove(@Param() params: SubscriberIdParams): Promise<void> {
    if (!(await this.subscribers.deactivate(params.subscriberId))) throw new SubscriberNotKnownError(params.subscriberId);
  }
}
