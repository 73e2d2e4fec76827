import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@diplomacy/messaging';
import type { Transaction } from '@diplomacy/messaging';
import { AgendaItemRepository } from './agenda-item.repository';
import type { BookingAttempt } from './agenda-item.repository';
import { isDeadlock, ruleOfViolation } from './conflict-rules';
import { ItineraryConflictError } from './itinerary.errors';

const MAX_DEADLOCK_ATTEMPTS = 3;

const RULE_MESSAGES = {
  'participant-double-booked': 'A participant would be in two overlapping agenda items',
  'travel-buffer': 'A participant would not have the travel buffer between items at different venues',
  'resource-double-booked': 'A limited venue or resource would be booked twice at the same time',
} as const;

/**
 * The transaction every itinerary write runs in. It turns the database's refusals into
 * answers: an exclusion violation (23P01) becomes a 409 naming the rule (from the
 * constraint's name) and the item in the way (found by a follow-up query once the
 * failed transaction has rolled back). A deadlock between concurrent bookings, which
 * Postgres resolves by aborting one of them, is retried.
 */
@Injectable()
export class ItineraryTransaction {
  private readonly logger = new Logger(ItineraryTransaction.name);

  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(AgendaItemRepository) private readonly items: AgendaItemRepository,
  ) {}

  async run<T>(work: (tx: Transaction, attempt: Partial<BookingAttempt>) => Promise<T>): Promise<T> {
    for (let attemptNo = 1; ; attemptNo += 1) {
      const attempt: Partial<BookingAttempt> = {};
      try {
        return await this.unitOfWork.run((tx) => work(tx, attempt));
      } catch (error) {
        if (isDeadlock(error) && attemptNo < MAX_DEADLOCK_ATTEMPTS) {
          this.logger.warn(`deadlock on attempt ${attemptNo}; retrying`);
          continue;
        }
        const rule = ruleOfViolation(error);
        if (!rule) throw error;
        const found = attempt.itemId ? await this.items.findConflictingItem(attempt as BookingAttempt, rule) : null;
        throw new ItineraryConflictError(rule, RULE_MESSAGES[rule], {
          conflictingItemId: found?.itemId ?? null,
          participantId: found?.participantId ?? null,
          resourceId: found?.resourceId ?? null,
        });
      }
    }
  }
}
