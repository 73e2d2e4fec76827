import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';

/**
 * The chaos suite's OWN infrastructure: a single-node Kafka broker started from the jars that
 * scripts/infra/kafka.sh fetched (its own ports and data dir), and a Postgres cluster of its own
 * (initdb into .cache/chaos/pg, its own port). Faults are injected into these, never into the
 * shared broker on 9092 or the machine's Postgres on 5432.
 */
export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const CHAOS_HOME = path.join(REPO_ROOT, '.cache/chaos');

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function log(message: string): void {
  process.stdout.write(`[chaos ${new Date().toISOString().slice(11, 23)}] ${message}\n`);
}

export async function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, intervalMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(intervalMs);
  }
  throw new Error(`${what} not reached within ${timeoutMs} ms`);
}

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops exactly one process we started: SIGTERM (or the given signal), then SIGKILL after the grace period. */
export async function stopPid(pid: number | undefined, graceMs: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!alive(pid)) return;
  process.kill(pid as number, signal);
  const deadline = Date.now() + graceMs;
  while (alive(pid) && Date.now() < deadline) await sleep(100);
  if (alive(pid)) process.kill(pid as number, 'SIGKILL');
  while (alive(pid)) await sleep(50);
}

// ------------------------------------------------------------------ Kafka

export interface TopicSpec {
  name: string;
  partitions: number;
  retentionMs: number;
}

export const TOPICS: TopicSpec[] = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'libs/contracts/src/lib/topics.json'), 'utf8')).topics;

export class ChaosKafka {
  readonly home = path.join(CHAOS_HOME, 'kafka');
  readonly data = path.join(this.home, 'data');
  private pid: number | undefined;

  constructor(
    readonly port = Number(process.env['CHAOS_KAFKA_PORT'] ?? 29092),
    readonly controllerPort = Number(process.env['CHAOS_KAFKA_CONTROLLER_PORT'] ?? 29093),
  ) {}

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  private get version(): string {
    const pom = fs.readFileSync(path.join(REPO_ROOT, 'scripts/infra/kafka-pom.xml'), 'utf8');
    return /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1] ?? '4.3.1';
  }

  private get libs(): string {
    return path.join(REPO_ROOT, '.cache/kafka', this.version, 'libs');
  }

  kafka(clientId: string): Kafka {
    return new Kafka({ clientId, brokers: [this.brokers], logLevel: logLevel.NOTHING, connectionTimeout: 3000, retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 2000 } });
  }

  /** A fresh, formatted log dir and config of our own; the jars are shared read-only with kafka.sh. */
  prepare(): void {
    if (!fs.existsSync(path.join(this.libs, '.complete'))) {
      // Only downloads jars into .cache/kafka/<version>/libs; it neither starts nor stops any broker.
      execFileSync('bash', [path.join(REPO_ROOT, 'scripts/infra/kafka.sh'), 'fetch'], { stdio: 'inherit' });
    }
    fs.rmSync(this.data, { recursive: true, force: true });
    fs.mkdirSync(this.data, { recursive: true });
    fs.writeFileSync(
      path.join(this.home, 'server.properties'),
      [
        'process.roles=broker,controller',
        'node.id=1',
        `controller.quorum.voters=1@127.0.0.1:${this.controllerPort}`,
        `listeners=PLAINTEXT://127.0.0.1:${this.port},CONTROLLER://127.0.0.1:${this.controllerPort}`,
        `advertised.listeners=PLAINTEXT://127.0.0.1:${this.port}`,
        'inter.broker.listener.name=PLAINTEXT',
        'controller.listener.names=CONTROLLER',
        'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
        `log.dirs=${this.data}`,
        'auto.create.topics.enable=false',
        'num.partitions=3',
        'default.replication.factor=1',
        'min.insync.replicas=1',
        'offsets.topic.replication.factor=1',
        'offsets.topic.num.partitions=10',
        'transaction.state.log.replication.factor=1',
        'transaction.state.log.min.isr=1',
        'share.coordinator.state.topic.replication.factor=1',
        'share.coordinator.state.topic.min.isr=1',
        'group.initial.rebalance.delay.ms=0',
        'num.network.threads=2',
        'num.io.threads=2',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(this.home, 'log4j2.xml'),
      '<?xml version="1.0" encoding="UTF-8"?><Configuration status="WARN"><Appenders><Console name="STDOUT" target="SYSTEM_OUT"><PatternLayout pattern="[%d] %p %m (%c)%n"/></Console></Appenders><Loggers><Root level="WARN"><AppenderRef ref="STDOUT"/></Root></Loggers></Configuration>\n',
    );
    execFileSync(
      'java',
      ['-Xmx256m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', `-Dlog4j2.configurationFile=${path.join(this.home, 'log4j2.xml')}`, '-cp', `${this.libs}/*`, 'kafka.tools.StorageTool', 'format', '-t', 'Q2hhb3NTdWl0ZUNsdXN0ZXI', '-c', path.join(this.home, 'server.properties')],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }

  async start(): Promise<void> {
    if (await portOpen(this.port)) throw new Error(`port ${this.port} is taken: another chaos broker? (set CHAOS_KAFKA_PORT)`);
    const out = fs.openSync(path.join(this.home, 'server.log'), 'a');
    const child = spawn(
      'java',
      [
        '-Xms192m', '-Xmx384m', '-server', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-Djava.awt.headless=true',
        `-Dkafka.chaos.home=${this.home}`,
        `-Dlog4j2.configurationFile=${path.join(this.home, 'log4j2.xml')}`, `-Dkafka.logs.dir=${this.home}`,
        '-cp', `${this.libs}/*`, 'kafka.Kafka', path.join(this.home, 'server.properties'),
      ],
      { detached: true, stdio: ['ignore', out, out] },
    );
    child.unref();
    fs.closeSync(out);
    this.pid = child.pid;
    fs.writeFileSync(path.join(this.home, 'kafka.pid'), String(child.pid));
    await waitFor('chaos Kafka broker answering', () => this.answers(), 90_000, 300);
  }

  async answers(): Promise<boolean> {
    if (!(await portOpen(this.port))) return false;
    const admin = new Kafka({ clientId: 'chaos-probe', brokers: [this.brokers], logLevel: logLevel.NOTHING, connectionTimeout: 1000, retry: { retries: 0 } }).admin();
    try {
      await admin.connect();
      await admin.listTopics();
      return true;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** A broker stop, as an operator's `kafka-server-stop` does: SIGTERM, controlled shutdown. */
  async stop(): Promise<void> {
    await stopPid(this.pid, 30_000);
    this.pid = undefined;
  }

  async createTopics(): Promise<void> {
    const admin = this.kafka('chaos-admin').admin();
    await admin.connect();
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: TOPICS.map((t) => ({ topic: t.name, numPartitions: t.partitions, replicationFactor: 1, configEntries: [{ name: 'retention.ms', value: String(t.retentionMs) }] })),
      });
    } finally {
      await admin.disconnect();
    }
  }
}

// ------------------------------------------------------------------ Postgres

const PG_BIN = (() => {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin/pg_ctl'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  return process.env['CHAOS_PG_BIN'] ?? (versions[0] ? path.join(base, versions[0], 'bin') : '');
})();

export class ChaosPostgres {
  readonly home = path.join(CHAOS_HOME, 'pg');
  readonly data = path.join(this.home, 'data');

  constructor(readonly port = Number(process.env['CHAOS_PG_PORT'] ?? 55432)) {}

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Postgres refuses to run as root: the cluster belongs to the `postgres` user when we are root. */
  private run(binary: string, args: string[]): void {
    const command = path.join(PG_BIN, binary);
    if (process.getuid?.() === 0) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    else execFileSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  }

  ensureCluster(): void {
    if (!PG_BIN) throw new Error('no Postgres binaries under /usr/lib/postgresql/*/bin (set CHAOS_PG_BIN)');
    if (fs.existsSync(path.join(this.data, 'PG_VERSION'))) return;
    fs.mkdirSync(this.data, { recursive: true });
    if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres:postgres', this.home]);
    this.run('initdb', ['-D', this.data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
    fs.appendFileSync(
      path.join(this.data, 'postgresql.conf'),
      `\n# chaos suite\nlisten_addresses = '127.0.0.1'\nport = ${this.port}\nunix_socket_directories = ''\nmax_connections = 200\nshared_buffers = 128MB\n`,
    );
  }

  async start(): Promise<void> {
    if (await portOpen(this.port)) {
      // Ours from an earlier run that was interrupted? pg_ctl status tells.
      try {
        this.run('pg_ctl', ['-D', this.data, 'status']);
        return;
      } catch {
        throw new Error(`port ${this.port} is taken by something that is not the chaos cluster (set CHAOS_PG_PORT)`);
      }
    }
    this.run('pg_ctl', ['-D', this.data, '-l', path.join(this.home, 'server.log'), '-w', '-t', '60', 'start']);
  }

  /** Stops the chaos cluster only (its own data dir): never the machine's Postgres. */
  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    this.run('pg_ctl', ['-D', this.data, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  async query<T = Record<string, unknown>>(database: string, sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.url(database) });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async recreateDatabases(names: string[]): Promise<void> {
    for (const name of names) {
      await this.query('postgres', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await this.query('postgres', `CREATE DATABASE ${name}`);
    }
  }
}
