import { generateKeyPairSync } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { AppConfig, loadEnvironment } from '@app/config';
import { SendEmailPayload } from '@app/queue';
import { MailTemplate } from './templates/mail-template.enum';
import { MailService } from './mail.service';
import { MailRenderer, MailTemplateError } from './templates/mail-renderer';

const payload: SendEmailPayload = {
  to: 'officer@example.org',
  template: MailTemplate.VerifyEmail,
  language: 'fr',
  params: { displayName: 'Awa Ndiaye', link: 'http://localhost:3000/verify-email?token=t0k3n' },
};

describe(MailService.name, () => {
  let dataDir: string;
  let logs: string[];

  const serviceFor = (env: Record<string, string> = {}): MailService =>
    new MailService(new AppConfig(loadEnvironment({ DATA_DIR: dataDir, ...env })), new MailRenderer());

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'clearance-mail-'));
    logs = [];
    for (const level of ['log', 'warn'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => {
        logs.push(`${level}: ${String(args[0])}`);
      });
    }
  });

  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('without SMTP_URL', () => {
    it('writes an RFC 5322 .eml file to DATA_DIR/outbox, readable by its owner only, and logs the link', async () => {
      const sut = serviceFor();
      const result = await sut.send(payload);

      expect(result.transport).toBe('outbox');
      const outbox = path.join(dataDir, 'outbox');
      const files = readdirSync(outbox);
      expect(files).toEqual([expect.stringMatching(/^\d{8}T\d{6}\.\d{3}Z-verify-email-[0-9a-f]{12}\.eml$/)]);
      const file = path.join(outbox, files[0]);
      expect(statSync(file).mode & 0o777).toBe(0o600);

      const raw = readFileSync(file);
      expect(raw.toString('latin1')).toMatch(/^[\s\S]*\r\nSubject: /);
      const mail = await simpleParser(raw);
      expect(mail.messageId).toBe(result.messageId);
      expect(mail.from?.value).toEqual([{ name: 'Clearance', address: 'no-reply@clearance.local' }]);
      expect(mail.subject).toBe('Confirmez votre adresse électronique pour Clearance');
      expect(mail.text).toContain(payload.params.link);
      expect(mail.html).toContain('lang="fr"');
      expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
      expect(mail.headers.get('content-language')).toBe('fr');

      expect(logs.join('\n')).toContain(`log: Mail "verify-email" to officer@example.org written to ${file}`);
      expect(logs.join('\n')).toContain(`link: ${payload.params.link}`);
    });

    it('keeps links, which carry tokens, out of production logs', async () => {
      const certificateKey = generateKeyPairSync('ed25519')
        .privateKey.export({ format: 'der', type: 'pkcs8' })
        .toString('base64');
      const sut = serviceFor({
        NODE_ENV: 'production',
        JWT_SECRET: 'x'.repeat(32),
        CERTIFICATE_SIGNING_KEY: certificateKey,
      });
      await sut.send(payload);
      expect(logs.join('\n')).toContain('warn: SMTP_URL is unset');
      expect(logs.join('\n')).not.toContain('t0k3n');
    });

    it('names files apart and leaves no temporary file behind', async () => {
      const sut = serviceFor({ MAIL_FROM: 'Clearance Test <test@clearance.local>' });
      await Promise.all([sut.send(payload), sut.send(payload), sut.send(payload)]);
      const files = readdirSync(path.join(dataDir, 'outbox'));
      expect(files).toHaveLength(3);
      expect(files.every((name) => name.endsWith('.eml') && !name.startsWith('.'))).toBe(true);
      const mail = await simpleParser(readFileSync(path.join(dataDir, 'outbox', files[0])));
      expect(mail.from?.value).toEqual([{ name: 'Clearance Test', address: 'test@clearance.local' }]);
    });
  });

  it('throws MailTemplateError for bad params, before writing or connecting anything', async () => {
    for (const sut of [serviceFor(), serviceFor({ SMTP_URL: 'smtp://127.0.0.1:9' })]) {
      await expect(sut.send({ ...payload, params: { displayName: 'No Link' } })).rejects.toThrow(MailTemplateError);
    }
    expect(() => readdirSync(path.join(dataDir, 'outbox'))).toThrow(/ENOENT/);
  });

  it('turns an SMTP failure into a retryable MailDeliveryError without the recipient in it', async () => {
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    const sut = serviceFor({ SMTP_URL: 'smtp://127.0.0.1:9' });
    const failure = sut.send(payload);
    await expect(failure).rejects.toMatchObject({ name: 'MailDeliveryError' });
    await expect(failure).rejects.toThrow(/^SMTP delivery failed: /);
    await expect(failure).rejects.not.toThrow(/officer@example\.org/);
    sut.onApplicationShutdown();
  });
});
