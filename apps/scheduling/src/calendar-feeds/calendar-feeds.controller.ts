import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, RateLimit, TenantContext } from '@diplomacy/service-kit';
import { SCHEDULING_SETTINGS } from '../config/scheduling.config';
import type { SchedulingSettings } from '../config/scheduling.config';
import { ProgramIdParams } from '../itinerary/dto/agenda-item.dto';
import { CalendarFeedRepository } from './calendar-feed.repository';
import { CalendarFeedService } from './calendar-feed.service';
import { CalendarFeedNotFoundError, CalendarFeedUseCases } from './calendar-feed.usecases';
import { CalendarFeedResponse, CreateCalendarFeedDto, FeedIdParams, FeedTokenParams } from './dto/calendar-feed.dto';
import { FeedToken } from './feed-token';

@ApiTags('calendar-feeds')
@Controller()
export class CalendarFeedsController {
  constructor(
    @Inject(CalendarFeedRepository) private readonly feeds: CalendarFeedRepository,
    @Inject(CalendarFeedUseCases) private readonly useCases: CalendarFeedUseCases,
    @Inject(CalendarFeedService) private readonly calendars: CalendarFeedService,
    @Inject(SCHEDULING_SETTINGS) private readonly settings: SchedulingSettings,
  ) {}

  @Post('programs/:programId/calendar-feeds')
  @ApiBearerAuth()
  @ApiForbiddenResponse({ description: 'Coordinators (and platform admins) only.' })
  @HttpCode(HttpStatus.CREATED)
  @ApiCreatedResponse({ type: CalendarFeedResponse })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
  @ApiNotFoundResponse({ description: 'Program not known.' })
  async create(@Param() params: ProgramIdParams, @Body() body: CreateCalendarFeedDto, @Req() req: Request): Promise<CalendarFeedResponse> {
    const { feed, token } = await this.useCases.create(params.programId, body.participantId ?? null);
    const base = this.settings.publicBaseUrl ?? `${req.protocol}://${req.get('host')}`;
    return { feedId: feed.id, programId: feed.programId, participantId: feed.participantId, url: `${base.replace(/\/$/, '')}/calendar/${token}.ics`, createdAt: feed.createdAt.toISOString() };
  }

  @Delete('calendar-feeds/:feedId')
  @ApiBearerAuth()
  @ApiForbiddenResponse({ description: 'Coordinators (and platform admins) only.' })
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Revoked: the URL answers 404 from now on.' })
  @ApiNotFoundResponse({ description: 'No such active feed.' })
  async revoke(@Param() params: FeedIdParams): Promise<void> {
    await this.useCases.revoke(params.feedId);
  }

  /**
   * Anonymous: calendar apps subscribe without a token, so the URL's secret is the credential
   * (the participant's own feed reaches them this way). Guessable like a login, so rate-limited.
   */
  @Get('calendar/:token')
  @Public()
  @RateLimit()
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'iCalendar (RFC 5545) for subscription by Google Calendar, Outlook, Apple Calendar.' })
  @ApiNotFoundResponse({ description: 'Unknown or revoked feed (the same answer for both).' })
  @ApiResponse({ status: 429, description: 'Too many requests from this client (guessing protection).' })
  async ics(@Param() params: FeedTokenParams, @Res() res: Response): Promise<void> {
    const parsed = FeedToken.parse(params.token);
    const feed = parsed ? await this.feeds.findActiveForSecretLink(parsed.feedId) : null;
    if (!parsed || !feed || !FeedToken.matches(parsed.secret, feed.tokenHash)) throw new CalendarFeedNotFoundError('No such calendar feed');
    // The secret proved access to this feed: the rendering reads its organisation's data only.
    TenantContext.adopt(feed.organisationId);
    const text = await this.calendars.render(feed.programId, feed.participantId);
    res.status(200).type('text/calendar; charset=utf-8').setHeader('Cache-Control', 'private, max-age=300');
    res.send(text);
  }
}
