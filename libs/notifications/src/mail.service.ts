import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { SendMailOptions, SMTPPoolOptions, Transporter } from 'nodemailer';
import { AppConfig } from '@app/config';
import { JobName, JobResults, SendEmailPayload } from '@app/queue';
import { MailRenderer, RenderedMail } from './templates/mail-renderer';

export type SendEmailResult = JobResults[JobName.SendEmail];

/** Connecting, the greeting and each silence of the server: past this the attempt fails and the queue retries. */
export const SMTP_TIMEOUT_MS = 10_000;

/** A whole delivery, for a server that trickles its replies (which no socket timeout notices). */
export const SMTP_SEND_DEADLINE_MS = 20_000;

/** Parallel SMTP connections; matches the notifications queue's concurrency. */
export const SMTP_MAX_CONNECTIONS = 5;

/** Sub-directory of DATA_DIR that receives mail as `.eml` files when SMTP_URL is unset. */
export const OUTBOX_DIR = 'outbox';

export interface SendOptions {
  /** Aborts an SMTP delivery in progress (the worker's shutdown signal). */
  signal?: AbortSignal;
}

/** An SMTP delivery failed; the job fails and the queue retries it with its backoff. */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly responseCode?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MailDeliveryError';
  }
}

/**
 * Renders and delivers one mail. With SMTP_URL set, through a pooled SMTP transport created once;
 * without it, as an RFC 5322 `.eml` file in `DATA_DIR/outbox/`, with its links logged so a
 * developer can finish a sign-up without a mail server. Only the worker calls this; the api
 * enqueues through {@link NotificationsService}.
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);
  private smtpTransporter?: Transporter;
  private outboxTransporter?: Transporter;
  private outboxAnnounced = false;

  constructor(
    private readonly config: AppConfig,
    private readonly renderer: MailRenderer,
  ) {}

  /** Throws {@link MailTemplateError} for bad template params (do not retry) and {@link MailDeliveryError} for SMTP failures. */
  async send(payload: SendEmailPayload, options: SendOptions = {}): Promise<SendEmailResult> {
    const mail = this.renderer.render(payload.template, payload.language, payload.params);
    const message: SendMailOptions = {
      from: this.config.mailFrom,
      to: payload.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: {
        // RFC 3834: keeps out-of-office replies and auto-responders away from the sender address.
        'Auto-Submitted': 'auto-generated',
        'Content-Language': payload.language,
        'X-Clearance-Template': payload.template,
      },
    };
    return this.config.smtpUrl ? this.deliver(message, options.signal) : this.writeToOutbox(message, payload, mail);
  }

  get outboxDir(): string {
    return path.join(this.config.dataDir, OUTBOX_DIR);
  }

  onApplicationShutdown(): void {
    // Runs after the worker host has stopped its workers: no delivery is in flight any more.
    this.smtpTransporter?.close();
    this.smtpTransporter = undefined;
    this.outboxTransporter?.close();
    this.outboxTransporter = undefined;
  }

  private smtp(): Transporter {
    if (!this.smtpTransporter) {
      const options: SMTPPoolOptions & { pool: true } = {
        url: this.config.smtpUrl,
        pool: true,
        maxConnections: SMTP_MAX_CONNECTIONS,
        connectionTimeout: SMTP_TIMEOUT_MS,
        greetingTimeout: SMTP_TIMEOUT_MS,
        socketTimeout: SMTP_TIMEOUT_MS,
        dnsTimeout: SMTP_TIMEOUT_MS,
      };
      this.smtpTransporter = nodemailer.createTransport(options);
    }
    return this.smtpTransporter;
  }

  private async deliver(message: SendMailOptions, shutdown?: AbortSignal): Promise<SendEmailResult> {
    const deadline = AbortSignal.timeout(SMTP_SEND_DEADLINE_MS);
    const signal = shutdown ? AbortSignal.any([deadline, shutdown]) : deadline;
    try {
      const info = (await this.smtp().sendMail({ ...message, signal })) as { messageId: string };
      return { messageId: info.messageId, transport: 'smtp' };
    } catch (error) {
      // No recipient in the message: it ends up in the job's failedReason, kept in Redis for weeks.
      const { message: reason, responseCode } = error as { message?: string; responseCode?: number };
      const why = deadline.aborted ? `no answer within ${SMTP_SEND_DEADLINE_MS / 1000} s` : reason;
      throw new MailDeliveryError(`SMTP delivery failed: ${why}`, responseCode, { cause: error });
    }
  }

  private outbox(): Transporter {
    // RFC 5322 wants CRLF line ends; mail clients open such .eml files as they are.
    this.outboxTransporter ??= nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
    return this.outboxTransporter;
  }

  private async writeToOutbox(
    message: SendMailOptions,
    payload: SendEmailPayload,
    mail: RenderedMail,
  ): Promise<SendEmailResult> {
    const info = (await this.outbox().sendMail(message)) as { messageId: string; message: Buffer };
    const dir = this.outboxDir;
    // ISO 8601 basic format (no colons, which some file systems refuse), so names sort by time.
    const time = new Date().toISOString().replace(/[-:]/g, '');
    const name = `${time}-${payload.template}-${randomBytes(6).toString('hex')}.eml`;
    const file = path.join(dir, name);
    const temporary = path.join(dir, `.${name}.tmp`);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    try {
      // Mail holds sign-in tokens: readable by the service's user only. Written whole, then renamed,
      // so a reader never sees half a message.
      await writeFile(temporary, info.message, { flag: 'wx', mode: 0o600 });
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    this.announceOutbox();
    if (this.config.isProduction) {
      // Links carry tokens: never in production logs.
      this.logger.warn(`Mail "${payload.template}" to ${payload.to} written to ${file} (not delivered)`);
    } else {
      const links = mail.links.length > 0 ? `; link: ${mail.links.join(' ')}` : '';
      this.logger.log(`Mail "${payload.template}" to ${payload.to} written to ${file}${links}`);
    }
    return { messageId: info.messageId, transport: 'outbox' };
  }

  private announceOutbox(): void {
    if (!this.outboxAnnounced) {
      this.outboxAnnounced = true;
      const say = this.config.isProduction ? this.logger.warn.bind(this.logger) : this.logger.log.bind(this.logger);
      say(`SMTP_URL is unset: mail is written to ${this.outboxDir} instead of being sent`);
    }
  }
}
