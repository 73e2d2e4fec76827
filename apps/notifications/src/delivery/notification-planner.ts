import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@diplomacy/contracts';
import { ChannelRegistry } from '../channels/notification-channel';
import type { ReachableRecipient } from '../channels/notification-channel';
import { ProgramDirectoryRepository } from '../program-directory/program-directory.repository';
import { DeliveryPreferencePolicy } from '../recipients/delivery-preferences';
import { nameBasedRecipientId } from '../recipients/recipient-ids';
import { RecipientProjection } from '../recipients/recipient-projection';
import { RecipientRepository } from '../recipients/recipient.repository';
import { NotificationRulebook } from '../rules/notification-rules';
import type { PlannedMessage, RecipientSelector, RuleFacts } from '../rules/notification-rules';
import { MessageRenderer } from '../templates/message-renderer';
import { WebhookSubscriberRepository } from '../webhooks/webhook-subscriber.repository';
import { NotificationRepository } from './notification.repository';

export interface PlanOutcome {
  queued: number;
  suppressed: number;
}

/**
 * Runs inside the consumer's Inbox transaction: updates the projections from the
 * event, asks the rules who must hear about it, resolves those people, applies their
 * preferences, renders each message in their language and writes one notification
 * per (event, recipient, channel). Nothing is sent here; the dispatcher sends after commit.
 */
@Injectable()
export class NotificationPlanner {
  private readonly rulebook = new NotificationRulebook();
  private readonly renderer = new MessageRenderer();
  private readonly preferences = new DeliveryPreferencePolicy();

  constructor(
    @Inject(RecipientProjection) private readonly projection: RecipientProjection,
    @Inject(RecipientRepository) private readonly recipients: RecipientRepository,
    @Inject(WebhookSubscriberRepository) private readonly subscribers: WebhookSubscriberRepository,
    @Inject(ProgramDirectoryRepository) private readonly directory: ProgramDirectoryRepository,
    @Inject(NotificationRepository) private readonly notifications: NotificationRepository,
    @Inject(ChannelRegistry) private readonly channels: ChannelRegistry,
  ) {}

  async handle(manager: EntityManager, event: EventEnvelope): Promise<PlanOutcome> {
    await this.projection.apply(manager, event);
    const outcome: PlanOutcome = { queued: 0, suppressed: 0 };
    for (const message of await this.rulebook.plan(event, this.facts(manager))) {
      for (const recipient of await this.resolve(manager, message.to)) {
        await this.queue(manager, event, message, recipient, outcome);
      }
    }
    return outcome;
  }

  private facts(manager: EntityManager): RuleFacts {
    return {
      program: async (programId) => {
        const entry = await this.directory.find(programId, manager);
        return entry ? { title: entry.title, startDate: entry.startDate, organisationId: entry.organisationId } : null;
      },
      communityEvent: async (eventId) => {
        const event = await this.recipients.communityEvent(manager, eventId);
        if (!event) return null;
        const place = [event.venueName, event.venueAddress].filter(Boolean).join(', ') || null;
        return { title: event.title, startsAt: event.startsAt, timeZone: event.timeZone, place };
      },
    };
  }

  private async resolve(manager: EntityManager, selector: RecipientSelector): Promise<ReachableRecipient[]> {
    switch (selector.kind) {
      case 'participants':
        return this.recipients.findMany(manager, selector.participantIds);
      case 'delegation':
        return this.recipients.delegation(manager, selector.programId);
      case 'coordinators': {
        const program = await this.directory.find(selector.programId, manager);
        return program ? this.recipients.coordinators(manager, program.organisationId) : [];
      }
      case 'contact':
        return this.contact(manager, selector);
      case 'registration': {
        const registrant = await this.recipients.registrant(manager, selector.registrationId);
        return registrant ? [registrant] : [];
      }
      case 'event-registrants':
        return this.recipients.activeRegistrants(manager, selector.eventId);
      case 'webhook-subscribers': {
        const subscribers = await this.subscribers.matching(manager, selector.eventType, selector.organisationId);
        return subscribers.map((s) => ({
          recipientId: s.subscriberId,
          kind: 'webhook-subscriber' as const,
          name: s.name,
          email: null,
          phone: null,
          language: 'en',
          timeZone: null,
          sourceChannels: ['webhook'],
          languageOverride: null,
          timeZoneOverride: null,
          webhookUrl: s.url,
        }));
      }
    }
  }

  /** A contact that schedule events name only by address: the known person with that email, else one of their own. */
  private async contact(manager: EntityManager, selector: Extract<RecipientSelector, { kind: 'contact' }>): Promise<ReachableRecipient[]> {
    const { contact, timeZone } = selector;
    if (contact.email) {
      const known = await this.recipients.findPersonByEmail(manager, contact.email);
      if (known) return [known];
    }
    const address = contact.email ?? contact.phone;
    if (!address) return [];
    const recipientId = nameBasedRecipientId('resource-contact', address);
    await this.recipients.upsert(
      manager,
      { recipientId, kind: 'resource-contact', name: contact.name, email: contact.email, phone: contact.phone, language: 'en', timeZone, sourceChannels: contact.email ? ['email'] : ['sms'] },
      null,
    );
    const created = await this.recipients.find(recipientId, manager);
    return created ? [created] : [];
  }

  private async queue(manager: EntityManager, event: EventEnvelope, message: PlannedMessage, recipient: ReachableRecipient, outcome: PlanOutcome): Promise<void> {
    const preferences = recipient.kind === 'webhook-subscriber' ? [] : await this.recipients.preferences(manager, recipient.recipientId);
    const rendered = this.renderer.render({
      template: message.template,
      language: recipient.languageOverride ?? recipient.language,
      recipientName: recipient.name,
      recipientTimeZone: recipient.timeZoneOverride ?? recipient.timeZone,
      variables: message.variables,
    });
    const payload = event.payload as { programId?: unknown };
    for (const decision of this.preferences.decide(recipient, preferences, message)) {
      const address = this.channels.get(decision.channel).addressOf(recipient);
      if (!address) continue;
      const inserted = await this.notifications.insert(manager, {
        notificationId: randomUUID(),
        sourceEventId: event.id,
        sourceEventType: event.type,
        programId: typeof payload.programId === 'string' ? payload.programId : null,
        organisationId: event.organisationId,
        correlationId: event.correlationId,
        recipientId: recipient.recipientId,
        recipientKind: recipient.kind,
        channel: decision.channel,
        address,
        template: message.template,
        category: message.category,
        critical: message.critical,
        language: rendered.language,
        subject: rendered.subject,
        body: rendered.text,
        html: decision.channel === 'email' ? rendered.html : null,
        summary: rendered.summary,
        payload: message.template === 'webhook.event' ? event : null,
        digestKey: message.digestKey,
        digestWindowSeconds: decision.send ? decision.digestWindowSeconds : 0,
        suppressedBecause: decision.send ? null : decision.reason,
      });
      if (inserted) outcome[decision.send ? 'queued' : 'suppressed'] += 1;
    }
  }
}
