import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { CHAOS_HOME, REPO_ROOT, portOpen, sleep, stopPid } from './infrastructure';

/** An SMTP sink that keeps, per received message, its Message-ID (the notification id) and recipients. */
export class SmtpSink {
  /** Message-ID (without <> and domain) → number of times it arrived. */
  readonly received = new Map<string, number>();
  total = 0;

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(port = Number(process.env['CHAOS_SMTP_PORT'] ?? 22525)): Promise<SmtpSink> {
    const holder: { sink?: SmtpSink } = {};
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        let head = '';
        stream.on('data', (chunk: Buffer) => {
          if (head.length < 16_384) head += chunk.toString('utf8');
        });
        stream.on('end', () => {
          const id = /^message-id:\s*<([^@>]+)/im.exec(head)?.[1] ?? `no-message-id-${holder.sink?.total}`;
          const sink = holder.sink;
          if (sink) {
            sink.total += 1;
            sink.received.set(id, (sink.received.get(id) ?? 0) + 1);
          }
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.on('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    holder.sink = new SmtpSink(server, port);
    return holder.sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export type ServiceName = 'programs' | 'scheduling' | 'community-events' | 'notifications';

/** One built service (`dist/apps/<name>/.../main.js`) as its own process, on a fixed port so restarts keep the URL. */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private readonly logFile: string;

  constructor(
    readonly name: ServiceName,
    readonly instance: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.logFile = path.join(CHAOS_HOME, 'logs', `${instance}.log`);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns the process; resolves once it is ready, with the time it took. */
  async start(timeoutMs = 90_000): Promise<number> {
    if (await portOpen(this.port)) throw new Error(`port ${this.port} for ${this.instance} is taken`);
    fs.mkdirSync(path.dirname(this.logFile), { recursive: true });
    const out = fs.openSync(this.logFile, 'a');
    const main = path.join(REPO_ROOT, 'dist/apps', this.name, 'apps', this.name, 'src/main.js');
    const started = Date.now();
    this.child = spawn(process.execPath, [main], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_ENV: 'development', PORT: String(this.port), LOG_LEVEL: 'warn', ...this.env },
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    await this.waitReady(timeoutMs);
    return Date.now() - started;
  }

  async ready(): Promise<boolean> {
    try {
      const response = await fetch(`${this.baseUrl}/health/ready`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      return response.status === 200;
    } catch {
      return false;
    }
  }

  async waitReady(timeoutMs: number): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if (this.child && !this.running) throw new Error(`${this.instance} exited (${this.child.exitCode ?? this.child.signalCode}); see ${this.logFile}`);
      if (await this.ready()) return Date.now() - started;
      await sleep(100);
    }
    throw new Error(`${this.instance} not ready within ${timeoutMs} ms; see ${this.logFile}`);
  }

  /** kill -9: no shutdown sequence, in-flight work lost, offsets not committed. */
  async kill9(): Promise<void> {
    await stopPid(this.child?.pid, 5000, 'SIGKILL');
  }

  /** SIGTERM: the graceful shutdown (consumers leave the group, outbox drains). */
  async stop(): Promise<void> {
    await stopPid(this.child?.pid, 20_000, 'SIGTERM');
  }
}
