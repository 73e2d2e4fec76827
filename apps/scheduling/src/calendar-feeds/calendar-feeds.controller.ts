import { randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '@diplomacy/service-kit';
import { SCHEDULING_SETTINGS } from '../config/scheduling.config';
import type { SchedulingSettings } from '../config/scheduling.config';
import { ProgramIdParams } from '../itinerary/dto/agenda-item.dto';
import { ProgramNotKnownError } from '../itinerary/itinerary.errors';
import { ProgramProjectionRepository } from '../program-projection/program-projection.repository';
import { CalendarFeedEntity } from './calendar-feed.entity';
import { CalendarFeedRepository } from './calendar-feed.repository';
import { CalendarFeedService } from './calendar-feed.service';
import { CalendarFeedResponse, CreateCalendarFeedDto, FeedIdParams, FeedTokenParams } from './dto/calendar-feed.dto';
import { FeedToken } from './feed-token';

class CalendarFeedNotFoundError extends DomainError {
  readonly code = 'calendar-feed-not-found';
  readonly status = HttpStatus.NOT_FOUND;
}

@ApiTags('calendar-feeds')
@Controller()
export class CalendarFeedsController {
  constructor(
    @Inject(CalendarFeedRepository) private readonly feeds: CalendarFeedRepository,
    @Inject(ProgramProjectionRepository) private readonly programs: ProgramProjectionRepository,
    @Inject(CalendarFeedService) private readonly calendars: CalendarFeedService,
    @Inject(SCHEDULING_SETTINGS) private readonly settings: SchedulingSettings,
  ) {}

  @Post('programs/:programId/calendar-feeds')
  @HttpCode(HttpStatus.CREATED)
  @ApiCreatedResponse({ type: CalendarFeedResponse })
  @ApiBadRequestResponse({ description: 'problem+json naming each invalid field' })
  @ApiNotFoundResponse({ description: 'Program not known.' })
  async create(@Param() params: ProgramIdParams, @Body() body: CreateCalendarFeedDto, @Req() req: Request): Promise<CalendarFeedResponse> {
    if (!(await this.programs.findProgram(params.programId))) throw new ProgramNotKnownError(params.programId);
    const id = randomUUID();
    const { token, hash } = FeedToken.issue(id);
    const feed = await this.feeds.insert(Object.assign(new CalendarFeedEntity(), { id, programId: params.programId, participantId: body.participantId ?? null, tokenHash: hash, revokedAt: null }));
    const base = this.settings.publicBaseUrl ?? `${req.protocol}://${req.get('host')}`;
    return { feedId: feed.id, programId: feed.programId, participantId: feed.participantId, url: `${base.replace(/\/$/, '')}/calendar/${token}.ics`, createdAt: feed.createdAt.toISOString() };
  }

  @Delete('calendar-feeds/:feedId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Revoked: the URL answers 404 from now on.' })
  @ApiNotFoundResponse({ description: 'No such active feed.' })
  async revoke(@Param() params: FeedIdParams): Promise<void> {
    if (!(await this.feeds.revoke(params.feedId))) throw new CalendarFeedNotFoundError(`No active calendar feed ${params.feedId}`);
  }

  @Get('calendar/:token')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'iCalendar (RFC 5545) for subscription by Google Calendar, Outlook, Apple Calendar.' })
  @ApiNotFoundResponse({ description: 'Unknown or revoked feed (the same answer for both).' })
  async ics(@Param() params: FeedTokenParams, @Res() res: Response): Promise<void> {
    const parsed = FeedToken.parse(params.token);
    const feed = parsed ? await this.feeds.findActive(parsed.feedId) : null;
    if (!parsed || !feed || !FeedToken.matches(parsed.secret, feed.tokenHash)) throw new CalendarFeedNotFoundError('No such calendar feed');
    const text = await this.calendars.render(feed.programId, feed.participantId);
    res.status(200).type('text/calendar; charset=utf-8').setHeader('Cache-Control', 'private, max-age=300');
    res.send(text);
  }
}
