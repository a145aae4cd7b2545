import { Injectable } from '@nestjs/common';
import { JobName, parseJobPayload, QueueService, SendEmailPayload } from '@app/queue';
import { MailRenderer } from './templates/mail-renderer';
import { MailTemplate } from './templates/mail-template.enum';

/** A mail to send: the send-email job's payload, its template one this library knows. */
export type MailRequest = Omit<SendEmailPayload, 'template'> & { template: MailTemplate };

export interface SendEmailOptions {
  /** Deterministic job id: a second enqueue with the same id while the first is kept sends nothing. */
  jobId?: string;
}

/**
 * What the api (and any library) calls to send mail: the mail is checked and queued, and the
 * worker delivers it with retries. Nothing here talks to a mail server.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly queues: QueueService,
    private readonly renderer: MailRenderer,
  ) {}

  /**
   * Validates the payload and renders it once, so a programming error (a missing param, a link
   * that is not http(s)) throws here, in the caller, rather than in the worker. Returns the job id.
   */
  async sendEmail(payload: MailRequest, options: SendEmailOptions = {}): Promise<string> {
    const checked = parseJobPayload(JobName.SendEmail, payload);
    this.renderer.render(checked.template, checked.language, checked.params);
    return this.queues.enqueue(JobName.SendEmail, checked, options.jobId ? { jobId: options.jobId } : {});
  }

  /** Many mails at once (bulk onboarding), each checked and rendered like {@link sendEmail}, queued in bulk. */
  async sendEmails(mails: ReadonlyArray<{ mail: MailRequest; jobId: string }>): Promise<void> {
    const jobs = mails.map(({ mail, jobId }) => {
      const payload = parseJobPayload(JobName.SendEmail, mail);
      this.renderer.render(payload.template, payload.language, payload.params);
      return { payload, jobId };
    });
    await this.queues.enqueueBulk(JobName.SendEmail, jobs);
  }
}
