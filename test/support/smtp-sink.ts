import { AddressObject, simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SinkMessage {
  /** Envelope recipients (RCPT TO), lower-cased. */
  to: string[];
  /** Envelope sender (MAIL FROM). */
  envelopeFrom: string;
  /** The From header as written. */
  from: string;
  subject: string;
  text: string;
  /** The HTML part as sent (not sanitised), or '' when there is none. */
  html: string;
  headers: Map<string, unknown>;
  /** The whole message as received. */
  raw: Buffer;
}

interface Waiter {
  predicate: (message: SinkMessage) => boolean;
  resolve: (message: SinkMessage) => void;
}

/**
 * An SMTP server in the test process (127.0.0.1, random port, no auth, no STARTTLS) that keeps every
 * message it accepts, parsed. It can refuse the next messages with a temporary (4xx) error, so
 * tests can watch a sender retry.
 */
export class SmtpSink {
  readonly messages: SinkMessage[] = [];
  /** How many messages were refused by {@link rejectNext}. */
  rejectedCount = 0;
  private server?: SMTPServer;
  private toReject = 0;
  private rejection = { code: 451, text: '4.3.0 Temporary failure, please try again later' };
  private readonly waiters = new Set<Waiter>();

  /** Listens and returns the URL to use as SMTP_URL. */
  async start(): Promise<string> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // Pooled clients keep connections open: do not wait for them on stop().
      closeTimeout: 200,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', (error) => callback(error));
        stream.on('end', () => {
          if (this.toReject > 0) {
            this.toReject--;
            this.rejectedCount++;
            callback(Object.assign(new Error(this.rejection.text), { responseCode: this.rejection.code }));
            return;
          }
          const raw = Buffer.concat(chunks);
          const envelope = session.envelope;
          this.keep(raw, envelope.mailFrom ? envelope.mailFrom.address : '', envelope.rcptTo).then(
            () => callback(),
            (error: Error) => callback(error),
          );
        });
      },
    });
    server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    const { port } = server.server.address() as AddressInfo;
    return `smtp://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  /** Refuses the next `count` messages (after DATA) with a temporary error: 451 unless told. */
  rejectNext(count: number, code = 451, text = '4.3.0 Temporary failure, please try again later'): void {
    this.toReject = count;
    this.rejection = { code, text };
  }

  /** The first message kept, or to come, that matches; rejects after `timeoutMs`. */
  waitFor(predicate: (message: SinkMessage) => boolean, timeoutMs = 10_000): Promise<SinkMessage> {
    const found = this.messages.find(predicate);
    if (found) {
      return Promise.resolve(found);
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (message) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(message);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.messages.map((message) => `${message.to.join(',')}: ${message.subject}`);
        reject(new Error(`no matching mail within ${timeoutMs} ms; received: ${JSON.stringify(seen)}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Forgets every message and pending rejection. */
  clear(): void {
    this.messages.length = 0;
    this.toReject = 0;
    this.rejectedCount = 0;
  }

  private async keep(raw: Buffer, envelopeFrom: string, rcptTo: { address: string }[]): Promise<void> {
    const parsed = await simpleParser(raw);
    const message: SinkMessage = {
      to: rcptTo.map((recipient) => recipient.address.toLowerCase()),
      envelopeFrom,
      from: addressText(parsed.from),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : '',
      headers: parsed.headers,
      raw,
    };
    this.messages.push(message);
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(message)) {
        waiter.resolve(message);
      }
    }
  }
}

function addressText(address: AddressObject | AddressObject[] | undefined): string {
  if (!address) {
    return '';
  }
  return (Array.isArray(address) ? address : [address]).map((item) => item.text).join(', ');
}
