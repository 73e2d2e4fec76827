import { randomUUID } from 'node:crypto';
import { ALL_EVENTS } from '../all-events';
import { EventCatalog } from '../event-catalog';
import type { EventDefinition } from '../event-definition';
import { NotificationFailed, NotificationSent } from './notification-events';
import { NOTIFICATIONS_EVENTS } from './notifications.events';

const catalog = new EventCatalog();

function envelope(definition: EventDefinition<unknown>, payload: Record<string, unknown>) {
  return {
    id: randomUUID(),
    type: definition.type,
    version: definition.version,
    occurredAt: new Date().toISOString(),
    producer: 'notifications',
    key: randomUUID(),
    organisationId: 'kansas-city-council',
    correlationId: 'c',
    causationId: randomUUID(),
    payload,
  };
}

const outcome = () => ({
  notificationId: randomUUID(),
  sourceEventId: randomUUID(),
  sourceEventType: 'agenda-item.rescheduled',
  programId: randomUUID(),
  recipientId: randomUUID(),
  recipientKind: 'participant',
  channel: 'email',
  template: 'agenda-item.rescheduled',
  attempts: 1,
});

describe('notifications event contracts', () => {
  it('lists notification.sent and notification.failed on the notifications topic, in the catalogue', () => {
    expect(NOTIFICATIONS_EVENTS.map((d) => d.type)).toEqual(['notification.sent', 'notification.failed']);
    for (const definition of NOTIFICATIONS_EVENTS) {
      expect(ALL_EVENTS).toContain(definition);
      expect(definition.topic).toBe('notifications.events');
    }
  });

  it('accepts a sent and a failed outcome', () => {
    expect(catalog.validate(envelope(NotificationSent, { ...outcome(), sentAt: new Date().toISOString(), digestId: null })).ok).toBe(true);
    expect(catalog.validate(envelope(NotificationFailed, { ...outcome(), attempts: 5, failedAt: new Date().toISOString(), reason: 'SMTP 550' })).ok).toBe(true);
  });

  it('refuses an outcome that carries contact details, or names an unknown channel', () => {
    const sent = { ...outcome(), sentAt: new Date().toISOString(), digestId: null };
    expect(catalog.validate(envelope(NotificationSent, { ...sent, email: 'a@example.org' }))).toMatchObject({ ok: false, reason: 'invalid-payload' });
    expect(catalog.validate(envelope(NotificationSent, { ...sent, channel: 'pigeon' }))).toMatchObject({ ok: false, reason: 'invalid-payload' });
    expect(catalog.validate(envelope(NotificationFailed, { ...outcome(), failedAt: new Date().toISOString(), reason: '' })).ok).toBe(false);
  });
});
