import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { OrganisationMismatchError, TenantContext, tenantSql } from '@diplomacy/service-kit';

export interface WebhookSubscriber {
  subscriberId: string;
  name: string;
  url: string;
  eventTypes: string[];
  organisationId: string | null;
  active: boolean;
  createdAt: Date;
}

interface SubscriberRow {
  subscriber_id: string;
  name: string;
  url: string;
  event_types: string[];
  organisation_id: string | null;
  active: boolean;
  created_at: Date;
  secret_ciphertext: string;
}

const toSubscriber = (row: SubscriberRow): WebhookSubscriber => ({
  subscriberId: row.subscriber_id,
  name: row.name,
  url: row.url,
  eventTypes: row.event_types,
  organisationId: row.organisation_id,
  active: row.active,
  createdAt: row.created_at,
});

/**
 * Webhook subscribers are recipients too (kind `webhook-subscriber`), so they share the log and
 * the idempotency key. Each belongs to one organisation and receives only its events; one
 * without an organisation (created by a platform admin) receives every organisation's and is
 * visible to platform admins only. Every query carries the current tenant.
 */
@Injectable()
export class WebhookSubscriberRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async create(subscriber: Omit<WebhookSubscriber, 'active' | 'createdAt'>, sealedSecret: string): Promise<WebhookSubscriber> {
    const tenant = TenantContext.require();
    if (tenant.kind === 'organisation' && tenant.organisationId !== subscriber.organisationId) throw new OrganisationMismatchError();
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO recipients (recipient_id, kind, name, language, source_channels) VALUES ($1, 'webhook-subscriber', $2, 'en', '{webhook}')`,
        [subscriber.subscriberId, subscriber.name],
      );
      await manager.query(
        `INSERT INTO webhook_subscribers (subscriber_id, url, event_types, organisation_id, secret_ciphertext) VALUES ($1, $2, $3, $4, $5)`,
        [subscriber.subscriberId, subscriber.url, subscriber.eventTypes, subscriber.organisationId, sealedSecret],
      );
      if (subscriber.organisationId) {
        await manager.query(`INSERT INTO recipient_organisations (recipient_id, organisation_id) VALUES ($1, $2)`, [subscriber.subscriberId, subscriber.organisationId]);
      }
      const created = await this.find(subscriber.subscriberId, manager);
      if (!created) throw new Error(`webhook subscriber ${subscriber.subscriberId} vanished inside its own transaction`);
      return created;
    });
  }

  async find(subscriberId: string, manager: EntityManager = this.dataSource.manager): Promise<WebhookSubscriber | null> {
    const params: unknown[] = [subscriberId];
    const rows: SubscriberRow[] = await manager.query(
      `SELECT ws.*, r.name FROM webhook_subscribers ws JOIN recipients r ON r.recipient_id = ws.subscriber_id
       WHERE ws.subscriber_id = $1 AND ${tenantSql('ws.organisation_id', params)}`,
      params,
    );
    return rows[0] ? toSubscriber(rows[0]) : null;
  }

  /** The encrypted signing secret, for the webhook channel (system work); never for an HTTP answer. */
  async sealedSecret(subscriberId: string): Promise<string | null> {
    const params: unknown[] = [subscriberId];
    const rows: { secret_ciphertext: string }[] = await this.dataSource.query(
      `SELECT secret_ciphertext FROM webhook_subscribers WHERE subscriber_id = $1 AND ${tenantSql('organisation_id', params)}`,
      params,
    );
    return rows[0]?.secret_ciphertext ?? null;
  }

  async deactivate(subscriberId: string): Promise<boolean> {
    const params: unknown[] = [subscriberId];
    const [, affected]: [unknown, number] = await this.dataSource.query(
      `UPDATE webhook_subscribers SET active = false WHERE subscriber_id = $1 AND active AND ${tenantSql('organisation_id', params)}`,
      params,
    );
    return affected > 0;
  }

  /**
   * Active subscribers that asked for this event type (or for everything), for this event's
   * organisation or for all. Called while a consumer handles the event, in its tenant: the
   * subscribers without an organisation are the platform's own, which see every tenant's events.
   */
  async matching(manager: EntityManager, eventType: string, organisationId: string | null): Promise<WebhookSubscriber[]> {
    const rows: SubscriberRow[] = await manager.query(
      `SELECT ws.*, r.name FROM webhook_subscribers ws JOIN recipients r ON r.recipient_id = ws.subscriber_id
       WHERE ws.active AND (ws.event_types @> ARRAY[$1]::text[] OR ws.event_types @> ARRAY['*']::text[])
         AND (ws.organisation_id IS NULL OR ws.organisation_id = $2) ORDER BY ws.subscriber_id`,
      [eventType, organisationId],
    );
    return rows.map(toSubscriber);
  }
}
