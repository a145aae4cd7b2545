import request from 'supertest';
import { UserRole } from '@app/accounts';
import { createTestApp, createUser, login, resetDatabase, TestApp } from '../support/app';
import { bearer } from '../support/accounts';
import { XSS_PAYLOADS as PAYLOADS } from '../support/xss-payloads';

/**
 * 1,000 XSS payloads (vectors × contexts) through thread titles, posts, file names and curriculum
 * fields. Text fields must come back exactly as sent (they are data: JSON, never HTML, and the web
 * app renders them as text); rendered post HTML must hold nothing but markdown-it's closed set of
 * tags with safe attributes and link targets.
 */

const ALLOWED_TAGS = new Set([
  'p',
  'a',
  'strong',
  'em',
  'code',
  'pre',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'hr',
  'br',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  's',
]);

/** Problems of rendered HTML: tags outside the set, attributes other than safe ones, unsafe link targets. */
function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  for (const [, slash, name, attributes] of html.matchAll(/<(\/?)([a-zA-Z0-9]+)([^>]*)>/g)) {
    const tag = name.toLowerCase();
    if (!ALLOWED_TAGS.has(tag)) {
      problems.push(`tag <${slash}${tag}>`);
    }
    for (const [, attribute, value] of attributes.matchAll(/\s([^\s=]+)="([^"]*)"/g)) {
      const ok =
        (tag === 'a' && attribute === 'href' && /^(https?:\/\/|mailto:|\/(?!\/)|#)/i.test(value)) ||
        (tag === 'a' && attribute === 'rel' && value === 'nofollow ugc noopener noreferrer') ||
        (tag === 'a' && attribute === 'title') ||
        (tag === 'code' && attribute === 'class' && /^language-[^\s<>"']*$/.test(value)) ||
        ((tag === 'th' || tag === 'td') && attribute === 'style' && /^text-align:(left|right|center)$/.test(value)) ||
        (tag === 'ol' && attribute === 'start' && /^\d+$/.test(value));
      if (!ok) {
        problems.push(`attribute ${attribute}="${value}" on <${tag}>`);
      }
    }
    const stripped = attributes.replace(/\s([^\s=]+)="([^"]*)"/g, '').trim();
    if (stripped !== '' && stripped !== '/') {
      problems.push(`unquoted attribute text "${stripped}" on <${tag}>`);
    }
  }
  return problems;
}

describe('1,000 XSS payloads through groups and curricula', () => {
  let app: TestApp;
  let token: string;
  let groupId: string;

  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp();
    await resetDatabase(app);
    const rtc = await createUser(app, { role: UserRole.RtcStaff });
    token = await login(app, rtc.email, rtc.password);
    groupId = (await http().post('/api/groups').set(bearer(token)).send({ name: 'XSS', kind: 'expert_community' })).body
      .id as string;
  });

  afterAll(async () => {
    await app.close();
  });

  it('has 1,000 payloads, and a checker that catches active HTML', () => {
    expect(PAYLOADS).toHaveLength(1000);
    expect(new Set(PAYLOADS).size).toBeGreaterThan(990);
    expect(htmlProblems('<p><img src=x onerror=alert(1)></p>')).not.toEqual([]);
    expect(htmlProblems('<p><a href="javascript:alert(1)">x</a></p>')).not.toEqual([]);
    expect(htmlProblems('<p onclick="alert(1)">x</p>')).not.toEqual([]);
    expect(htmlProblems('<p x=1>x</p>')).not.toEqual([]);
    expect(htmlProblems('<p><a href="https://x.example" rel="nofollow ugc noopener noreferrer">x</a></p>')).toEqual([]);
  });

  const slice = (from: number, to: number) => PAYLOADS.slice(from, to);

  it('keeps thread titles as text (200) and renders posts (200) to safe HTML only', async () => {
    const problems: string[] = [];
    const titles = slice(0, 200).map((p) => p.trim().slice(0, 200) || 'x');
    const bodies = slice(200, 400);
    for (let i = 0; i < 200; i++) {
      const created = await http()
        .post(`/api/groups/${groupId}/threads`)
        .set(bearer(token))
        .send({ title: titles[i], body: bodies[i] });
      if (created.status !== 201) {
        problems.push(`#${i}: ${created.status} ${JSON.stringify(created.body)}`);
        continue;
      }
      const thread = await http().get(`/api/threads/${created.body.id}`).set(bearer(token)).expect(200);
      expect(thread.headers['content-type']).toMatch(/^application\/json/);
      if (thread.body.title !== titles[i]) {
        problems.push(`title #${i} changed: ${JSON.stringify(thread.body.title)}`);
      }
      const post = thread.body.posts[0] as { bodySource: string; bodyHtml: string };
      if (post.bodySource !== bodies[i]) {
        problems.push(`source #${i} changed`);
      }
      for (const problem of htmlProblems(post.bodyHtml)) {
        problems.push(`post #${i} ${JSON.stringify(bodies[i])}: ${problem} in ${post.bodyHtml}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps file names (200) as labels, and downloads them as attachments that cannot break the header', async () => {
    const problems: string[] = [];
    for (const [i, payload] of slice(400, 600).entries()) {
      const uploaded = await http()
        .post(`/api/groups/${groupId}/files`)
        .set(bearer(token))
        .attach('file', Buffer.from('x'), { filename: `${payload}.html`, contentType: 'text/html' });
      if (uploaded.status !== 201) {
        problems.push(`#${i}: ${uploaded.status} ${JSON.stringify(uploaded.body)}`);
        continue;
      }
      const name = uploaded.body.name as string;
      // eslint-disable-next-line no-control-regex
      if (/[\\/\u0000-\u001f]/.test(name)) {
        problems.push(`#${i}: name keeps a path or control character: ${JSON.stringify(name)}`);
      }
      const download = await http().get(`/api/group-files/${uploaded.body.id}/download`).set(bearer(token));
      if (
        download.status !== 200 ||
        download.headers['content-type'] !== 'application/octet-stream' ||
        !/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+,;=:@-]*$/.test(
          download.headers['content-disposition'],
        ) ||
        download.headers['x-content-type-options'] !== 'nosniff'
      ) {
        problems.push(`#${i}: ${download.status} ${JSON.stringify(download.headers)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps curriculum titles, RTC names and summaries (400) as text', async () => {
    const problems: string[] = [];
    const payloads = slice(600, 1000);
    for (let i = 0; i < payloads.length; i += 2) {
      const title = payloads[i].trim().slice(0, 300) || 'x';
      const rtc = payloads[i + 1].trim().slice(0, 200) || 'x';
      const summary = `${payloads[i]}\n${payloads[i + 1]}`;
      const created = await http()
        .post('/api/curricula')
        .set(bearer(token))
        .send({ title, country: 'KE', rtc, languages: ['en'], topics: [], summary });
      if (created.status !== 201) {
        problems.push(`#${i}: ${created.status} ${JSON.stringify(created.body)}`);
        continue;
      }
      const read = await http().get(`/api/curricula/${created.body.id}`).set(bearer(token)).expect(200);
      if (read.body.title !== title || read.body.rtc !== rtc || read.body.summary !== summary) {
        problems.push(`#${i} changed: ${JSON.stringify(read.body)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('answers with JSON, nosniff and the strict CSP', async () => {
    const response = await http().get(`/api/groups/${groupId}`).set(bearer(token)).expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const csp = response.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });
});
