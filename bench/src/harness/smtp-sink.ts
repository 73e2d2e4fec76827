import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { now } from './stats';

/**
 * A real SMTP server on a free port, in the bench process, that records when each
 * message was fully received, by its Message-ID (notifications uses the notification id).
 */
export class SmtpSink {
  private constructor(
    private readonly server: SMTPServer,
    readonly url: string,
    readonly received: Map<string, number>,
  ) {}

  static async start(): Promise<SmtpSink> {
    const received = new Map<string, number>();
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // Fan-out opens one connection per message from up to a dispatch batch at once.
      maxClients: 1000,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const at = now();
          const raw = Buffer.concat(chunks).toString('utf8');
          const id = /^Message-ID:\s*<([^@>]+)@/im.exec(raw)?.[1];
          if (id && !received.has(id)) received.set(id, at);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
    return new SmtpSink(server, `smtp://127.0.0.1:${address.port}`, received);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
