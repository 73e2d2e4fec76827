import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { REPO_ROOT, eventually, freshDatabase, testInfrastructure } from '@diplomacy/testing';

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

/** A service started exactly as in production: the built main.js in its own process. */
export class ServiceProcess {
  readonly output: string[] = [];
  private exit: Promise<number | null>;

  private constructor(
    readonly name: string,
    readonly baseUrl: string,
    private readonly child: ChildProcess,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => this.output.push(...chunk.toString().split('\n').filter(Boolean)));
    child.stderr?.on('data', (chunk: Buffer) => this.output.push(...chunk.toString().split('\n').filter(Boolean)));
    this.exit = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  static async start(name: string, env: Record<string, string> = {}): Promise<ServiceProcess> {
    const port = await freePort();
    const databaseUrl = await freshDatabase(`system_${name.replace(/-/g, '_')}_test`);
    const main = path.join(REPO_ROOT, 'dist/apps', name, 'apps', name, 'src/main.js');
    const child = spawn(process.execPath, [main], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        KAFKA_BROKERS: testInfrastructure().kafkaBrokers.join(','),
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const service = new ServiceProcess(name, `http://127.0.0.1:${port}`, child);
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${service.output.join('\n')}`);
      const response = await fetch(`${service.baseUrl}/health/ready`);
      if (response.status !== 200) throw new Error(`${name} not ready: ${await response.text()}`);
    }, 60_000, 250);
    return service;
  }

  /** SIGTERM, then the exit code: 0 means the shutdown sequence completed. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    return this.exit;
  }

  logLines(): Record<string, unknown>[] {
    return this.output.flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  }
}
