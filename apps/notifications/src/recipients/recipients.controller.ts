import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { RecipientNotKnownError } from '../notifications.errors';
import { DeliveryPreferencePolicy } from './delivery-preferences';
import { RecipientRepository } from './recipient.repository';
import type { Recipient } from './recipient';
import { PreferencesDto, PreferencesResponse, RecipientIdParams, RecipientResponse } from './dto/preferences.dto';

/** What this service knows about a recipient, and how they want to hear from it. */
@ApiTags('recipients')
@Controller('recipients')
export class RecipientsController {
  private readonly policy = new DeliveryPreferencePolicy();

  constructor(
    @Inject(RecipientRepository) private readonly recipients: RecipientRepository,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  @Get(':recipientId')
  @ApiOkResponse({ type: RecipientResponse })
  @ApiNotFoundResponse({ description: 'No event has introduced this recipient (yet)' })
  @ApiBadRequestResponse({ description: 'recipientId is not a UUID' })
  async get(@Param() params: RecipientIdParams): Promise<RecipientResponse> {
    const r = await this.known(params.recipientId);
    return { recipientId: r.recipientId, kind: r.kind, name: r.name, email: r.email, phone: r.phone, language: r.languageOverride ?? r.language, timeZone: r.timeZoneOverride ?? r.timeZone };
  }

  @Get(':recipientId/preferences')
  @ApiOkResponse({ type: PreferencesResponse })
  @ApiNotFoundResponse({ description: 'Unknown recipient' })
  @ApiBadRequestResponse({ description: 'recipientId is not a UUID' })
  async preferences(@Param() params: RecipientIdParams): Promise<PreferencesResponse> {
    return this.view(await this.known(params.recipientId));
  }

  @Put(':recipientId/preferences')
  @ApiOkResponse({ type: PreferencesResponse, description: 'Replaced as a whole; applies to notifications planned from now on.' })
  @ApiNotFoundResponse({ description: 'Unknown recipient' })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
  async setPreferences(@Param() params: RecipientIdParams, @Body() body: PreferencesDto): Promise<PreferencesResponse> {
    const recipient = await this.known(params.recipientId);
    await this.dataSource.transaction((manager) =>
      this.recipients.savePreferences(
        manager,
        recipient.recipientId,
        { language: body.language ?? null, timeZone: body.timeZone ?? null },
        body.channels.map((c) => ({ channel: c.channel, enabled: c.enabled, optedOutCategories: c.optedOutCategories, digestWindowSeconds: c.digestWindowSeconds ?? 0 })),
      ),
    );
    return this.view(await this.known(params.recipientId));
  }

  private async known(recipientId: string): Promise<Recipient> {
    const recipient = await this.recipients.find(recipientId);
    if (!recipient) throw new RecipientNotKnownError(recipientId);
    return recipient;
  }

  private async view(recipient: Recipient): Promise<PreferencesResponse> {
    const channels = await this.recipients.preferences(this.dataSource.manager, recipient.recipientId);
    return {
      recipientId: recipient.recipientId,
      language: recipient.languageOverride,
      timeZone: recipient.timeZoneOverride,
      channels,
      defaultChannels: [...this.policy.defaultsFor(recipient)],
    };
  }
}
