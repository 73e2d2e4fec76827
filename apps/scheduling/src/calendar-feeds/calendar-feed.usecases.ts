import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { UnitOfWork } from '@diplomacy/messaging';
import { AuditTrail, DomainError } from '@diplomacy/service-kit';
import { ProgramNotKnownError } from '../itinerary/itinerary.errors';
import { ProgramProjectionRepository } from '../program-projection/program-projection.repository';
import { CalendarFeedEntity } from './calendar-feed.entity';
import { CalendarFeedRepository } from './calendar-feed.repository';
import { FeedToken } from './feed-token';

export const CALENDAR_FEED_ENTITY = 'calendar-feed';

export class CalendarFeedNotFoundError extends DomainError {
  readonly code = 'calendar-feed-not-found';
  readonly status = HttpStatus.NOT_FOUND;
}

/**
 * Creating and revoking a feed, each with its audit entry in the same transaction. The entry
 * names the program and participant only: the secret link's token (and its hash) is a
 * credential and never reaches the log.
 */
@Injectable()
export class CalendarFeedUseCases {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(CalendarFeedRepository) private readonly feeds: CalendarFeedRepository,
    @Inject(ProgramProjectionRepository) private readonly programs: ProgramProjectionRepository,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  /** A new feed and its secret token; the token is shown to the caller once and stored only as a hash. */
  async create(programId: string, participantId: string | null): Promise<{ feed: CalendarFeedEntity; token: string }> {
    const program = await this.programs.findProgram(programId);
    if (!program) throw new ProgramNotKnownError(programId);
    const id = randomUUID();
    const { token, hash } = FeedToken.issue(id);
    const feed = await this.unitOfWork.run(async (tx) => {
      const saved = await this.feeds.insert(
        Object.assign(new CalendarFeedEntity(), { id, programId: program.programId, organisationId: program.organisationId, participantId, tokenHash: hash, revokedAt: null }),
        tx.manager,
      );
      await this.audit.record(tx.manager, {
        organisationId: saved.organisationId,
        entityType: CALENDAR_FEED_ENTITY,
        entityId: saved.id,
        action: 'created',
        changes: { changedFields: ['programId', 'participantId'], values: { programId: { to: saved.programId }, participantId: { to: saved.participantId } } },
      });
      return saved;
    });
    return { feed, token };
  }

  /** Revoked feeds answer 404 from then on; revoking one twice (or another organisation's) is 404 too. */
  async revoke(feedId: string): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const revoked = await this.feeds.revoke(feedId, tx.manager);
      if (!revoked) throw new CalendarFeedNotFoundError(`No active calendar feed ${feedId}`);
      await this.audit.record(tx.manager, {
        organisationId: revoked.organisationId,
        entityType: CALENDAR_FEED_ENTITY,
        entityId: revoked.id,
        action: 'status-changed',
        changes: { changedFields: ['revokedAt'], values: { revokedAt: { from: null, to: revoked.revokedAt?.toISOString() ?? null } } },
      });
    });
  }
}
