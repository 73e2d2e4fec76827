import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { freshDatabase } from './databases';
import { REPO_ROOT, testInfrastructure } from './infrastructure';
import { eventually } from './kafka';

/** A TCP port nobody listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Where `nx build <name>` puts a service's entry point. */
export function builtServiceMain(name: string): string {
  return path.join(REPO_ROOT, 'dist/apps', name, 'apps', name, 'src/main.js');
}

export interface BuiltServiceOptions {
  /**
   * The service's database, recreated empty: each suite names its own (`system_…`, `ops_…`)
   * so suites never read each other's rows.
   */
  database: string;
  /** Extra environment, over the defaults (free PORT, the test broker, LOG_LEVEL info). */
  env?: Record<string, string>;
}

/**
 * One service as production runs it: the built main.js in its own process, on a free port,
 * against the test infrastructure's broker, with a fresh database. Output is kept in memory
 * for assertions on the logs (these suites run short, quiet processes).
 */
export class BuiltService {
  readonly output: string[] = [];
  private readonly exit: Promise<number | null>;

  private constructor(
    readonly name: string,
    readonly baseUrl: string,
    readonly databaseUrl: string,
    private readonly child: ChildProcess,
  ) {
    const collect = (chunk: Buffer) => this.output.push(...chunk.toString().split('\n').filter(Boolean));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exit = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  static async start(name: string, options: BuiltServiceOptions): Promise<BuiltService> {
    const port = await freePort();
    const databaseUrl = await freshDatabase(options.database);
    const child = spawn(process.execPath, [builtServiceMain(name)], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        KAFKA_BROKERS: testInfrastructure().kafkaBrokers.join(','),
        LOG_LEVEL: 'info',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const service = new BuiltService(name, `http://127.0.0.1:${port}`, databaseUrl, child);
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${service.output.join('\n')}`);
        const response = await fetch(`${service.baseUrl}/health/ready`);
        if (response.status !== 200) throw new Error(`${name} not ready: ${await response.text()}`);
      },
      60_000,
      250,
    );
    return service;
  }

  /** The service's Prometheus exposition. */
  async metrics(): Promise<string> {
    const response = await fetch(`${this.baseUrl}/metrics`);
    if (response.status !== 200) throw new Error(`${this.name} /metrics answered ${response.status}`);
    return response.text();
  }

  /** The JSON log lines (pino) the process wrote so far. */
  logLines(): Record<string, unknown>[] {
    return this.output.flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  }

  /** SIGTERM, then the exit code: 0 means the shutdown sequence completed. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    return this.exit;
  }
}
