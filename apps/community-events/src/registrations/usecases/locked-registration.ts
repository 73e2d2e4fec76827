import type { Transaction } from '@diplomacy/messaging';
import type { CommunityEventEntity } from '../../community-events/community-event.entity';
import type { CommunityEventRepository } from '../../community-events/community-event.repository';
import type { RegistrationEntity } from '../registration.entity';
import type { RegistrationRepository } from '../registration.repository';
import { RegistrationNotFoundError } from '../registrations.errors';

/**
 * Locks the registration's event, then re-reads the registration. Every writer locks
 * the event first, so under that lock the registration cannot change, and locks are
 * always taken in the same order (no deadlocks).
 */
export async function lockRegistration(
  tx: Transaction,
  events: CommunityEventRepository,
  registrations: RegistrationRepository,
  found: RegistrationEntity,
): Promise<{ event: CommunityEventEntity; registration: RegistrationEntity }> {
  const event = await events.lockById(tx.manager, found.eventId);
  const registration = await registrations.findById(tx.manager, found.id);
  if (!event || !registration) throw new RegistrationNotFoundError();
  return { event, registration };
}
