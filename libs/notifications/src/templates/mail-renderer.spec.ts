import { MailTemplate } from './mail-template.enum';
import { escapeHtml, MailTemplateError, renderMail } from './mail-renderer';
import { MAIL_LANGUAGES, MAIL_TEMPLATE_PARAMS, MAIL_TEMPLATES, MailLanguage } from './mail-templates';

const SAMPLE: Record<string, string> = {
  displayName: 'Amina Diallo',
  title: 'Your import is finished',
  text: 'The import of “officers.csv” is finished.',
  link: 'https://clearance.example.org/verify-email?token=abc123&x=1',
  reason: 'The administration could not confirm your employment.',
  country: 'KE',
  count: '3',
  days: '7',
  authorName: 'Juan <b>Pérez</b>',
  groupName: 'HS experts & friends',
  threadTitle: 'Draft "module 3"',
  summary: '• HS experts — Draft module 3 (2)',
};

const paramsOf = (template: MailTemplate): Record<string, string> =>
  Object.fromEntries(MAIL_TEMPLATE_PARAMS[template].map((name) => [name, SAMPLE[name]]));

const cases = Object.values(MailTemplate).flatMap((template) =>
  MAIL_LANGUAGES.map((language) => [template, language] as [MailTemplate, MailLanguage]),
);

describe(renderMail.name, () => {
  it.each(cases)('renders %s in %s', (template, language) => {
    const mail = renderMail(template, language, paramsOf(template));

    expect(mail.subject.length).toBeGreaterThan(10);
    expect(mail.subject).not.toMatch(/[{}\n]/);
    expect(mail.text).toContain('Amina Diallo');
    expect(mail.text).not.toMatch(/[{}]/);
    expect(mail.html).toMatch(new RegExp(`^<!DOCTYPE html>\\n<html lang="${language}"`));
    expect(mail.html).toContain(`<title>${escapeHtml(mail.subject)}</title>`);
    expect(mail.html).toContain('Amina Diallo');
    expect(mail.html).not.toMatch(/\{\w+/);
    if (MAIL_TEMPLATE_PARAMS[template].includes('link')) {
      expect(mail.links).toEqual([SAMPLE.link]);
      expect(mail.text).toContain(SAMPLE.link);
      expect(mail.html).toContain(`href="${escapeHtml(SAMPLE.link)}"`);
    } else {
      expect(mail.links).toEqual([]);
      expect(mail.html).not.toContain('href=');
    }
  });

  it.each(cases)('%s in %s uses exactly its declared params', (template, language) => {
    const text = MAIL_TEMPLATES[template][language];
    const sources = [text.subject, text.greeting, ...text.body, ...(text.after ?? []), text.action ?? ''];
    const used = new Set(sources.flatMap((source) => [...source.matchAll(/\{(\w+)/g)].map((match) => match[1])));
    if (text.action) {
      used.add('link');
    }
    expect([...used].sort()).toEqual([...MAIL_TEMPLATE_PARAMS[template]].sort());
  });

  it('every language has the same shape of every template', () => {
    for (const template of Object.values(MailTemplate)) {
      const [en, ...others] = MAIL_LANGUAGES.map((language) => MAIL_TEMPLATES[template][language]);
      for (const text of others) {
        expect(text.body.length).toBe(en.body.length);
        expect(Boolean(text.action)).toBe(Boolean(en.action));
        expect(text.after?.length ?? 0).toBe(en.after?.length ?? 0);
      }
    }
  });

  it('speaks the recipient’s language', () => {
    const params = paramsOf(MailTemplate.VerifyEmail);
    expect(renderMail(MailTemplate.VerifyEmail, 'en', params).subject).toBe('Confirm your email address for Clearance');
    expect(renderMail(MailTemplate.VerifyEmail, 'fr', params).subject).toBe(
      'Confirmez votre adresse électronique pour Clearance',
    );
    expect(renderMail(MailTemplate.VerifyEmail, 'es', params).subject).toBe(
      'Confirme su dirección de correo electrónico para Clearance',
    );
    expect(renderMail(MailTemplate.VerifyEmail, 'fr', params).text).toContain(
      `Confirmer mon adresse électronique\u00a0: ${SAMPLE.link}`,
    );
  });

  it('throws a clear error for a missing or empty param', () => {
    expect(() => renderMail(MailTemplate.VerifyEmail, 'en', { displayName: 'A' })).toThrow(MailTemplateError);
    expect(() => renderMail(MailTemplate.VerifyEmail, 'en', { displayName: 'A' })).toThrow(
      'Mail template "verify-email" (en): missing param(s) link (needs displayName, link)',
    );
    expect(() => renderMail(MailTemplate.RegistrationRejected, 'fr', { displayName: 'A', reason: '  ' })).toThrow(
      /missing param\(s\) reason/,
    );
    expect(() => renderMail(MailTemplate.RegistrationRejected, 'es', { displayName: 42, reason: 'r' })).toThrow(
      /missing param\(s\) displayName/,
    );
  });

  it.each(['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'ftp://example.org/x', '/relative', 'x'])(
    'refuses the link %p',
    (link) => {
      expect(() => renderMail(MailTemplate.PasswordReset, 'en', { displayName: 'A', link })).toThrow(MailTemplateError);
    },
  );

  it('refuses an unknown template or language', () => {
    expect(() => renderMail('nope', 'en', {})).toThrow(MailTemplateError);
    expect(() =>
      renderMail(MailTemplate.VerifyEmail, 'de' as MailLanguage, paramsOf(MailTemplate.VerifyEmail)),
    ).toThrow(MailTemplateError);
  });

  it('escapes params in the HTML part, and only there', () => {
    const displayName = '<script>alert("x")</script> & \'Co\'';
    const reason = 'Line one <b>bold</b>\nLine two';
    const mail = renderMail(MailTemplate.RegistrationRejected, 'en', { displayName, reason });

    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain('Hello &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;,');
    expect(mail.html).toContain('Reason given: Line one &lt;b&gt;bold&lt;/b&gt;<br>Line two');
    expect(mail.text).toContain(`Hello ${displayName},`);
    expect(mail.text).toContain(`Reason given: ${reason}`);
  });

  it('escapes the link in attributes and keeps it on one line in the subject-free parts', () => {
    const link = 'https://clearance.example.org/reset?token=a"b<c&d';
    const mail = renderMail(MailTemplate.PasswordReset, 'en', { displayName: 'A', link });
    const normalised = new URL(link).href;
    expect(mail.links).toEqual([normalised]);
    expect(mail.html).toContain(`href="${escapeHtml(normalised)}"`);
    expect(mail.html).not.toContain('a"b');
  });

  it('keeps line breaks and control characters out of the subject', () => {
    const mail = renderMail(MailTemplate.PendingRegistrationsEscalation, 'en', {
      ...paramsOf(MailTemplate.PendingRegistrationsEscalation),
      country: 'Atlantis\r\nBcc: victim@example.org',
    });
    expect(mail.subject).toBe(
      'Clearance: registrations pending for more than 7 days (Atlantis Bcc: victim@example.org)',
    );
  });

  it('names the country and agrees with the count in each language', () => {
    const params = { displayName: 'C', country: 'KE', count: '1', link: SAMPLE.link };
    expect(renderMail(MailTemplate.PendingRegistrationsReminder, 'en', params).text).toContain(
      '1 registration is waiting for your decision (country: Kenya).',
    );
    expect(renderMail(MailTemplate.PendingRegistrationsReminder, 'fr', { ...params, count: '1200' }).text).toContain(
      '1\u202f200 demandes d’inscription attendent votre décision (pays\u00a0: Kenya).',
    );
    expect(renderMail(MailTemplate.PendingRegistrationsReminder, 'es', { ...params, count: '2' }).text).toContain(
      '2 solicitudes de registro esperan su decisión (país: Kenia).',
    );
    expect(
      renderMail(MailTemplate.PendingRegistrationsEscalation, 'fr', { ...params, count: '2', days: '1' }).subject,
    ).toBe('Clearance\u00a0: demandes d’inscription en attente depuis plus de 1 jour (Kenya)');
  });

  it('refuses a count that is not a whole number', () => {
    const params = { displayName: 'C', country: 'KE', count: 'many', link: SAMPLE.link };
    expect(() => renderMail(MailTemplate.PendingRegistrationsReminder, 'en', params)).toThrow(
      /param count must be a whole number/,
    );
  });
});
