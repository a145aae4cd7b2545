import { InvalidJobPayloadError, JobName, QueueService } from '@app/queue';
import { MailRequest, NotificationsService } from './notifications.service';
import { MailTemplate } from './templates/mail-template.enum';
import { MailRenderer, MailTemplateError } from './templates/mail-renderer';

const payload: MailRequest = {
  to: 'coordinator@example.org',
  template: MailTemplate.RegistrationRejected,
  language: 'es',
  params: { displayName: 'Luis', reason: 'Duplicate account' },
};

describe(NotificationsService.name, () => {
  const enqueue = jest.fn<Promise<string>, Parameters<QueueService['enqueue']>>();
  const sut = new NotificationsService({ enqueue } as unknown as QueueService, new MailRenderer());

  beforeEach(() => {
    enqueue.mockReset();
    enqueue.mockResolvedValue('job-1');
  });

  it('enqueues a send-email job', async () => {
    await expect(sut.sendEmail(payload)).resolves.toBe('job-1');
    expect(enqueue).toHaveBeenCalledWith(JobName.SendEmail, payload, {});
  });

  it('passes a deterministic job id through', async () => {
    await sut.sendEmail(payload, { jobId: 'rejected-42' });
    expect(enqueue).toHaveBeenCalledWith(JobName.SendEmail, payload, { jobId: 'rejected-42' });
  });

  it('refuses an invalid payload or unrenderable params without enqueueing', async () => {
    await expect(sut.sendEmail({ ...payload, to: 'not an address' })).rejects.toThrow(InvalidJobPayloadError);
    await expect(sut.sendEmail({ ...payload, language: 'de' as 'en' })).rejects.toThrow(InvalidJobPayloadError);
    await expect(sut.sendEmail({ ...payload, params: { displayName: 'Luis' } })).rejects.toThrow(MailTemplateError);
    await expect(
      sut.sendEmail({
        ...payload,
        template: MailTemplate.VerifyEmail,
        params: { displayName: 'L', link: 'file:///etc' },
      }),
    ).rejects.toThrow(MailTemplateError);
    expect(enqueue).not.toHaveBeenCalled();
  });
});
