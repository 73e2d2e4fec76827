import type { Admin, Kafka } from 'kafkajs';

/** Readiness probe for the broker: a metadata round trip with a short deadline. */
export class KafkaHealth {
  private admin: Admin | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly timeoutMs = 2000,
  ) {}

  async check(): Promise<{ up: boolean; detail: string }> {
    try {
      const admin = await this.connectedAdmin();
      const cluster = await withTimeout(admin.describeCluster(), this.timeoutMs);
      return { up: true, detail: `${cluster.brokers.length} broker(s), controller ${cluster.controller}` };
    } catch (error) {
      await this.close();
      return { up: false, detail: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    if (admin) await admin.disconnect().catch(() => undefined);
  }

  private async connectedAdmin(): Promise<Admin> {
    if (this.admin) return this.admin;
    const admin = this.kafka.admin({ retry: { retries: 0 } });
    await withTimeout(admin.connect(), this.timeoutMs);
    this.admin = admin;
    return admin;
  }
}

/** Rejects when `promise` has not settled within `ms`: admin calls to a silent broker otherwise wait for kafkajs' own timeouts. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
