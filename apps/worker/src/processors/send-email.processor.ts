import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { MailService, MailTemplateError } from '@app/notifications';
import { JobContext, JobHandler, JobName, JobResults, SendEmailPayload } from '@app/queue';

/**
 * Delivers one queued mail. An SMTP failure fails the attempt and the notifications queue retries
 * it with its backoff; a mail that cannot be rendered (bad template params: a programming error)
 * fails at once, since no retry could fix it.
 */
@Injectable()
export class SendEmailProcessor implements JobHandler<JobName.SendEmail> {
  readonly jobName = JobName.SendEmail;

  constructor(private readonly mail: MailService) {}

  async handle(payload: SendEmailPayload, context: JobContext): Promise<JobResults[JobName.SendEmail]> {
    try {
      return await this.mail.send(payload, { signal: context.signal });
    } catch (error) {
      if (error instanceof MailTemplateError) {
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
  }
}
