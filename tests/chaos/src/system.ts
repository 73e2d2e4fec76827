import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHAOS_HOME, ChaosKafka, ChaosPostgres, log } from './infrastructure';
import { ServiceProcess, SmtpSink } from './services';
import type { ServiceName } from './services';

export const DATABASES: Record<ServiceName, string> = {
  programs: 'chaos_programs',
  scheduling: 'chaos_scheduling',
  'community-events': 'chaos_community_events',
  notifications: 'chaos_notifications',
};

const BASE_PORT = Number(process.env['CHAOS_BASE_PORT'] ?? 23001);

/** The whole system under test on the chaos suite's own infrastructure. */
export class ChaosSystem {
  readonly kafka = new ChaosKafka();
  readonly postgres = new ChaosPostgres();
  smtp!: SmtpSink;
  programs!: ServiceProcess;
  scheduling!: ServiceProcess;
  communityEvents!: ServiceProcess;
  /** Two notifications instances in one consumer group. */
  notificationsA!: ServiceProcess;
  notificationsB: ServiceProcess | undefined;

  get services(): ServiceProcess[] {
    return [this.programs, this.scheduling, this.communityEvents, this.notificationsA, ...(this.notificationsB ? [this.notificationsB] : [])];
  }

  static async start(options: { secondNotifications: boolean }): Promise<ChaosSystem> {
    const system = new ChaosSystem();
    fs.rmSync(path.join(CHAOS_HOME, 'logs'), { recursive: true, force: true });
    log(`own Kafka on ${system.kafka.brokers} (data ${path.relative(process.cwd(), system.kafka.data)}), own Postgres on 127.0.0.1:${system.postgres.port}`);
    system.kafka.prepare();
    await system.kafka.start();
    await system.kafka.createTopics();
    system.postgres.ensureCluster();
    await system.postgres.start();
    await system.postgres.recreateDatabases(Object.values(DATABASES));
    system.smtp = await SmtpSink.start();
    const common = (name: ServiceName) => ({
      DATABASE_URL: system.postgres.url(DATABASES[name]),
      KAFKA_BROKERS: system.kafka.brokers,
      OUTBOX_POLL_INTERVAL_MS: '200',
      SHUTDOWN_TIMEOUT_MS: '5000',
      // The services' own defaults: a Postgres restart must not dead-letter valid events. (The first runs,
      // before the consumer told infrastructure failures from message failures, lost 51 that way.)
      ...(process.env['CHAOS_CONSUMER_MAX_ATTEMPTS'] ? { CONSUMER_MAX_ATTEMPTS: process.env['CHAOS_CONSUMER_MAX_ATTEMPTS'] } : {}),
    });
    system.programs = new ServiceProcess('programs', 'programs', BASE_PORT, common('programs'));
    system.scheduling = new ServiceProcess('scheduling', 'scheduling', BASE_PORT + 1, common('scheduling'));
    system.communityEvents = new ServiceProcess('community-events', 'community-events', BASE_PORT + 2, {
      ...common('community-events'),
      // Traffic comes from one IP: the per-IP token bucket would refuse it (the limiter has its own tests).
      RATE_LIMIT_BURST: '1000000',
      RATE_LIMIT_PER_MINUTE: '100000000',
      CLAIM_SWEEP_INTERVAL_MS: '0',
    });
    const notificationsEnv = {
      ...common('notifications'),
      SMTP_URL: system.smtp.url,
      DISPATCH_POLL_INTERVAL_MS: '250',
      DISPATCH_BATCH_SIZE: '100',
      DELIVERY_MAX_ATTEMPTS: '50',
      DELIVERY_RETRY_BASE_MS: '200',
      DELIVERY_RETRY_MAX_MS: '3000',
      // A sender killed mid-send leaves a lease; a short one lets the survivor resend soon.
      DELIVERY_LEASE_MS: '5000',
    };
    system.notificationsA = new ServiceProcess('notifications', 'notifications-a', BASE_PORT + 3, notificationsEnv);
    if (options.secondNotifications) system.notificationsB = new ServiceProcess('notifications', 'notifications-b', BASE_PORT + 13, notificationsEnv);
    // One at a time: each runs its migrations on start.
    for (const service of system.services) {
      const ms = await service.start();
      log(`${service.instance} ready on ${service.baseUrl} in ${ms} ms`);
    }
    return system;
  }

  /** Every running service answers ready; returns per instance the ms it took from now. */
  async allReady(timeoutMs: number): Promise<Record<string, number>> {
    const started = Date.now();
    const result: Record<string, number> = {};
    await Promise.all(
      this.services.filter((s) => s.running).map(async (s) => {
        await s.waitReady(timeoutMs);
        result[s.instance] = Date.now() - started;
      }),
    );
    return result;
  }

  async stop(): Promise<void> {
    for (const service of this.services ?? []) await service?.stop().catch(() => undefined);
    await this.smtp?.stop().catch(() => undefined);
    await this.kafka.stop().catch(() => undefined);
    try {
      this.postgres.stop('fast');
    } catch {
      /* already stopped */
    }
  }
}
