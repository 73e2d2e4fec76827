import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { REPO_ROOT, eventually, freshDatabase, testInfrastructure } from '@diplomacy/testing';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * One service as production runs it: the built main.js (`nx build <name>`) in its own process,
 * on a free port, with its own database `ops_<name>_test` (its own name, so the system tests'
 * databases are never touched).
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

  static async start(name: string, env: Record<string, string> = {}): Promise<BuiltService> {
    const port = await freePort();
    const databaseUrl = await freshDatabase(`ops_${name.replace(/-/g, '_')}_test`);
    const main = path.join(REPO_ROOT, 'dist/apps', name, 'apps', name, 'src/main.js');
    const child = spawn(process.execPath, [main], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        KAFKA_BROKERS: testInfrastructure().kafkaBrokers.join(','),
        LOG_LEVEL: 'warn',
        ...env,
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

  async metrics(): Promise<string> {
    const response = await fetch(`${this.baseUrl}/metrics`);
    if (response.status !== 200) throw new Error(`${this.name} /metrics answered ${response.status}`);
    return response.text();
  }

  /** SIGTERM, then the exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    return this.exit;
  }
}

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition. */
export function samples(text: string, name: string, labels: Record<string, string> = {}): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const parsed = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
      return { name: match[1], labels: parsed, value: Number(match[3]) };
    })
    .filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value));
}

/** The value of the one sample with this name and these labels; fails when there is not exactly one. */
export function value(text: string, name: string, labels: Record<string, string> = {}): number {
  const found = samples(text, name, labels);
  if (found.length !== 1) throw new Error(`${found.length} samples of ${name} ${JSON.stringify(labels)}`);
  return found[0].value;
}
