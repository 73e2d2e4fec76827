import { fork, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { sleep } from './stats';
import { HarnessError } from './types';

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

export interface NodeProcessOptions {
  /** Used for the log file and the profile file name. */
  name: string;
  script: string;
  args?: string[];
  env: Record<string, string>;
  /** HTTP path polled until it answers 200; the process gets a free PORT when set. */
  readyPath?: string;
  /** Open an IPC channel (child_process.fork) for workers driven by messages. */
  ipc?: boolean;
  workDir: string;
  profile: boolean;
}

/**
 * A Node process the bench started: a built service, the bare NestJS baseline or
 * a load worker. Output goes to <workDir>/logs/<name>.log (never into the
 * bench's memory, so a chatty service cannot back-pressure itself through a pipe).
 */
export class NodeProcess {
  private readonly exited: Promise<number | null>;
  private readonly tail: string[] = [];

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
    readonly baseUrl: string | null,
    readonly logFile: string,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static async start(options: NodeProcessOptions): Promise<NodeProcess> {
    const logs = path.join(options.workDir, 'logs');
    mkdirSync(logs, { recursive: true });
    const logFile = path.join(logs, `${options.name}.log`);
    const log = createWriteStream(logFile, { flags: 'a' });
    const port = options.readyPath ? await freePort() : null;
    const execArgv: string[] = [];
    if (options.profile) {
      const dir = path.join(options.workDir, 'profiles');
      mkdirSync(dir, { recursive: true });
      execArgv.push('--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${options.name}.cpuprofile`);
    }
    const env = { ...process.env, ...options.env, ...(port ? { PORT: String(port) } : {}) };
    const child = options.ipc
      ? fork(options.script, options.args ?? [], { env, execArgv, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] })
      : spawn(process.execPath, [...execArgv, options.script, ...(options.args ?? [])], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const proc = new NodeProcess(options.name, child, port ? `http://127.0.0.1:${port}` : null, logFile);
    const keep = (chunk: Buffer) => {
      log.write(chunk);
      proc.tail.push(...chunk.toString().split('\n').filter(Boolean));
      if (proc.tail.length > 40) proc.tail.splice(0, proc.tail.length - 40);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('exit', () => log.end());
    if (options.readyPath) await proc.waitReady(options.readyPath);
    return proc;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines of output, for error messages. */
  lastLines(): string {
    return this.tail.join('\n');
  }

  private async waitReady(readyPath: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw new HarnessError(`${this.name} exited with ${this.child.exitCode} while starting:\n${this.lastLines()}`);
      try {
        const response = await fetch(`${this.baseUrl}${readyPath}`);
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new HarnessError(`${this.name} not ready after ${timeoutMs} ms:\n${this.lastLines()}`);
      await sleep(100);
    }
  }

  /** SIGTERM (a service drains its outbox and writes its CPU profile), SIGKILL after the grace period. */
  async stop(graceMs = 20_000): Promise<number | null> {
    if (this.running) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.kill(), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  kill(): void {
    if (this.running) this.child.kill('SIGKILL');
  }
}
