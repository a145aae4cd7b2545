import { Injectable } from '@nestjs/common';
import { MailTemplate } from './mail-template.enum';
import {
  MAIL_COMMON_TEXT,
  MAIL_LANGUAGES,
  MAIL_TEMPLATE_PARAMS,
  MAIL_TEMPLATES,
  MailLanguage,
  MailTemplateText,
} from './mail-templates';

/**
 * A template could not be rendered with the params it was given: a programming error of the
 * caller (missing param, a link that is not http(s), an unknown template). Retrying cannot help.
 */
export class MailTemplateError extends Error {
  constructor(
    readonly template: string,
    readonly language: string,
    problem: string,
  ) {
    super(`Mail template "${template}" (${language}): ${problem}`);
    this.name = 'MailTemplateError';
  }
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /** Every link in the mail (the `link` param, normalised), so a developer can follow it from the log. */
  links: string[];
}

/** `{name}` or `{name|one form|other form}`; forms hold no braces or bars. */
const PLACEHOLDER = /\{(\w+)(?:\|([^{}|]*)\|([^{}|]*))?\}/g;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/** Renders a mail template in a language: subject, plain text and HTML. Pure; throws {@link MailTemplateError}. */
export function renderMail(
  /** A MailTemplate; a queued job carries it as a string, and an unknown name is refused here. */
  template: MailTemplate | string,
  language: MailLanguage,
  params: Record<string, unknown>,
): RenderedMail {
  const text = (MAIL_TEMPLATES as Partial<Record<string, (typeof MAIL_TEMPLATES)[MailTemplate]>>)[template]?.[language];
  const required = (MAIL_TEMPLATE_PARAMS as Partial<Record<string, readonly string[]>>)[template];
  if (!text || !required) {
    throw new MailTemplateError(
      String(template),
      String(language),
      `unknown template or language (languages: ${MAIL_LANGUAGES.join(', ')})`,
    );
  }
  const fail = (problem: string): never => {
    throw new MailTemplateError(template, language, problem);
  };
  if (typeof params !== 'object' || params === null) {
    fail('params must be an object');
  }
  const missing = required.filter((name) => typeof params[name] !== 'string' || params[name].trim() === '');
  if (missing.length > 0) {
    fail(`missing param(s) ${missing.join(', ')} (needs ${required.join(', ')})`);
  }
  const values = Object.fromEntries(required.map((name) => [name, params[name] as string]));

  let link: string | undefined;
  if (required.includes('link')) {
    link = checkedLink(values.link, fail);
  }
  if (Boolean(text.action) !== Boolean(link)) {
    fail('a template has a button exactly when it takes a link');
  }

  const common = MAIL_COMMON_TEXT[language];
  /** Fills placeholders; `escape` applies to every piece of the result, literal text and values alike. */
  const fill = (source: string, escape: (piece: string) => string): string => {
    let result = '';
    let last = 0;
    for (const match of source.matchAll(PLACEHOLDER)) {
      const [whole, name, one, other] = match;
      result += escape(source.slice(last, match.index));
      last = match.index + whole.length;
      const value = values[name];
      if (value === undefined) {
        fail(`the text uses {${name}}, which is not a declared param`);
      }
      if (one !== undefined && other !== undefined) {
        result += escape(plural(value, language, one, other, (problem) => fail(`param ${name} ${problem}`)));
      } else {
        result += escape(name === 'country' ? countryName(value, language) : value);
      }
    }
    return result + escape(source.slice(last));
  };

  const subject = fill(text.subject, oneLine).trim();
  return {
    subject,
    text: renderText(text, common, link, (source) => fill(source, (value) => value)),
    html: renderHtml(text, common, language, subject, link, (source) => fill(source, escapeMultiline)),
    links: link ? [link] : [],
  };
}

/** The renderer as an injectable, for services that prefer constructor injection. */
@Injectable()
export class MailRenderer {
  render(template: MailTemplate | string, language: MailLanguage, params: Record<string, unknown>): RenderedMail {
    return renderMail(template, language, params);
  }
}

function checkedLink(value: string, fail: (problem: string) => never): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail('param link must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return fail(`param link must be an http(s) URL, not ${url.protocol}`);
  }
  return url.href;
}

function plural(
  value: string,
  language: MailLanguage,
  one: string,
  other: string,
  fail: (problem: string) => never,
): string {
  if (!/^\d{1,9}$/.test(value.trim())) {
    return fail(`must be a whole number, got ${JSON.stringify(value)}`);
  }
  const count = Number(value.trim());
  const form = new Intl.PluralRules(language).select(count) === 'one' ? one : other;
  return form.replace(/#/g, new Intl.NumberFormat(language).format(count));
}

/** "KE" → "Kenya" / "Kenya" / "Kenia"; anything that is not a known alpha-2 code is shown as given. */
function countryName(value: string, language: MailLanguage): string {
  const code = value.trim();
  if (!/^[A-Za-z]{2}$/.test(code)) {
    return value;
  }
  try {
    return new Intl.DisplayNames([language], { type: 'region', fallback: 'none' }).of(code.toUpperCase()) ?? value;
  } catch {
    return value;
  }
}

/** For the Subject header: no line breaks or control characters. */
function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

function escapeMultiline(value: string): string {
  return escapeHtml(value).replace(/\r\n|\r|\n/g, '<br>');
}

function renderText(
  text: MailTemplateText,
  common: (typeof MAIL_COMMON_TEXT)[MailLanguage],
  link: string | undefined,
  fill: (source: string) => string,
): string {
  const paragraphs = [fill(text.greeting), ...text.body.map(fill)];
  if (text.action && link) {
    paragraphs.push(`${fill(text.action)}${common.colon} ${link}`);
  }
  paragraphs.push(...(text.after ?? []).map(fill));
  return `${paragraphs.join('\n\n')}\n\n-- \n${common.footer}\n`;
}

const STYLE = {
  body: 'margin:0;padding:0;background-color:#f3f4f6;',
  card:
    'max-width:600px;margin:0 auto;padding:24px;background-color:#ffffff;color:#1f2933;' +
    'font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;',
  brand: 'margin:0 0 24px;font-size:22px;font-weight:bold;color:#0b3d6e;',
  paragraph: 'margin:0 0 16px;',
  button:
    'display:inline-block;padding:12px 20px;background-color:#0b4f8a;color:#ffffff;font-weight:bold;' +
    'text-decoration:underline;border-radius:4px;',
  small: 'margin:0 0 16px;font-size:14px;color:#4b5563;word-break:break-all;',
  link: 'color:#0b4f8a;',
  rule: 'border:none;border-top:1px solid #d1d5db;margin:24px 0 16px;',
  footer: 'margin:0;font-size:13px;color:#4b5563;',
};

function renderHtml(
  text: MailTemplateText,
  common: (typeof MAIL_COMMON_TEXT)[MailLanguage],
  language: MailLanguage,
  subject: string,
  link: string | undefined,
  fill: (source: string) => string,
): string {
  const paragraph = (html: string, style = STYLE.paragraph): string => `<p style="${style}">${html}</p>`;
  const parts = [paragraph(fill(text.greeting)), ...text.body.map((source) => paragraph(fill(source)))];
  if (text.action && link) {
    const href = escapeHtml(link);
    parts.push(
      paragraph(`<a href="${href}" style="${STYLE.button}">${fill(text.action)}</a>`),
      paragraph(
        `${escapeHtml(common.linkFallback)}<br><a href="${href}" style="${STYLE.link}">${href}</a>`,
        STYLE.small,
      ),
    );
  }
  parts.push(...(text.after ?? []).map((source) => paragraph(fill(source))));
  const title = escapeHtml(subject);
  return [
    '<!DOCTYPE html>',
    `<html lang="${language}" dir="ltr">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<title>${title}</title>`,
    '</head>',
    `<body style="${STYLE.body}">`,
    `<div role="article" aria-roledescription="email" aria-label="${title}" lang="${language}" style="${STYLE.card}">`,
    `<h1 style="${STYLE.brand}">${escapeHtml(common.brand)}</h1>`,
    ...parts,
    `<hr style="${STYLE.rule}">`,
    paragraph(escapeHtml(common.footer), STYLE.footer),
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
