import type * as fs from 'node:fs';

/**
 * Collects everything the process writes to stdout and stderr, however it is
 * written: pino writes with fs.writeSync on fd 1 (sonic-boom), Nest's console
 * logger through process.stdout.write.
 */
export class LogCapture {
  private readonly chunks: string[] = [];
  private readonly restore: (() => void)[] = [];

  static start(): LogCapture {
    const capture = new LogCapture();
    // Spied through `require` so the spy replaces the property on the one shared core module object.
    const core = require('node:fs') as typeof fs;
    const originalWriteSync = core.writeSync;
    const originalWrite = core.write;
    core.writeSync = ((fd: number, data: unknown, ...rest: unknown[]) => {
      if (fd === 1 || fd === 2) capture.record(data);
      return (originalWriteSync as (...args: unknown[]) => number)(fd, data, ...rest);
    }) as typeof fs.writeSync;
    core.write = ((fd: number, data: unknown, ...rest: unknown[]) => {
      if (fd === 1 || fd === 2) capture.record(data);
      return (originalWrite as (...args: unknown[]) => void)(fd, data, ...rest);
    }) as typeof fs.write;
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((data: unknown) => {
      capture.record(data);
      return true;
    });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((data: unknown) => {
      capture.record(data);
      return true;
    });
    capture.restore.push(() => {
      core.writeSync = originalWriteSync;
      core.write = originalWrite;
      stdout.mockRestore();
      stderr.mockRestore();
    });
    return capture;
  }

  text(): string {
    return this.chunks.join('');
  }

  lines(): Record<string, unknown>[] {
    return this.text()
      .split('\n')
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  }

  stop(): void {
    for (const undo of this.restore.splice(0)) undo();
  }

  private record(data: unknown): void {
    this.chunks.push(typeof data === 'string' ? data : Buffer.isBuffer(data) || data instanceof Uint8Array ? Buffer.from(data).toString('utf8') : String(data));
  }
}
