import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { UserRole } from '@app/accounts';
import { AppConfig } from '@app/config';
import { QueueName } from '@app/queue';
import { ContentSigner } from '@app/scorm';
import { createTestApp, createUser, login, TestApp } from '../support/app';
import { isolateRedisPrefix } from '../support/accounts';
import { scorm12Bookmark, writePackage } from '../support/scorm-packages';
import { startTestWorker, TestWorker } from '../support/test-worker';

/** The generated SCORM 1.2 package, with an image of each kind beside its pages. */
function contentPackage(): Promise<string> {
  const bytes = (head: number[], size: number) =>
    Buffer.concat([Buffer.from(head), Buffer.from(Array.from({ length: size }, (_, i) => (i * 37) % 256))]);
  return writePackage({
    ...scorm12Bookmark(),
    extraFiles: {
      'media/background.jpg': bytes([0xff, 0xd8, 0xff, 0xe0], 2048),
      'media/badge.png': bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 512),
    },
  });
}
const SENTINEL = 'sentinel: outside every package';

interface Job {
  state: string;
  result: { courseId: string; packageId: string } | null;
}

describe('SCORM content on the content origin', () => {
  let app: TestApp;
  let worker: TestWorker;
  let restorePrefix: () => void;
  let signer: ContentSigner;
  let contentHost: string;
  let appHost: string;
  let frameAncestors: string;
  let packageId: string;
  let packageDir: string;
  let prefix: string;

  /** A GET (or HEAD) of a path on the content origin, exactly as written (no client normalisation). */
  function raw(
    urlPath: string,
    options: { method?: string; host?: string } = {},
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
    return new Promise((resolve, reject) => {
      const server = app.getHttpServer();
      const { port } = server.address() as AddressInfo;
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: urlPath,
          method: options.method ?? 'GET',
          headers: { host: options.host ?? contentHost },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  const get = (urlPath: string, host = contentHost) => request(app.getHttpServer()).get(urlPath).set('Host', host);

  async function importFixture(admin: string): Promise<string> {
    const accepted = await request(app.getHttpServer())
      .post('/api/courses/packages')
      .auth(admin, { type: 'bearer' })
      .field('language', 'en')
      .attach('file', await contentPackage())
      .expect(202);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const job = (
        await request(app.getHttpServer())
          .get(`/api/import-jobs/${accepted.body.jobId}`)
          .auth(admin, { type: 'bearer' })
          .expect(200)
      ).body as Job;
      if (job.state === 'completed') {
        return job.result!.packageId;
      }
      if (job.state === 'failed' || Date.now() > deadline) {
        throw new Error(`import ${accepted.body.jobId} ${job.state}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('content');
    app = await createTestApp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    worker = await startTestWorker({}, [QueueName.Imports]);
    const config = app.get(AppConfig);
    signer = new ContentSigner(config);
    contentHost = config.contentUrl.host;
    appHost = config.publicUrl.host;
    frameAncestors = `frame-ancestors ${config.publicUrl.origin} ${config.contentUrl.origin}`;
    const a = await createUser(app, { role: UserRole.Admin, country: null });
    packageId = await importFixture(await login(app, a.email, a.password));
    const packagesDir = path.join(process.env.DATA_DIR!, 'blobs', 'packages');
    packageDir = path.join(packagesDir, packageId);
    // Things a traversal would reach: a file beside the package folders, and a link out of the package.
    writeFileSync(path.join(packagesDir, 'sentinel.txt'), SENTINEL);
    mkdirSync(path.join(packagesDir, 'sentinel-dir'), { recursive: true });
    writeFileSync(path.join(packagesDir, 'sentinel-dir', 'sentinel.txt'), SENTINEL);
    symlinkSync(path.join(packagesDir, 'sentinel.txt'), path.join(packageDir, 'content', 'escape.txt'));
    symlinkSync(path.join(packagesDir, 'sentinel-dir'), path.join(packageDir, 'escape-dir'));
    prefix = signer.sign(packageId, Date.now() + 60_000);
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    restorePrefix?.();
  });

  it('signs a prefix that verifies, and refuses tampered, foreign and expired ones', () => {
    const [, , id, expires, signature] = prefix.split('/');
    expect(id).toBe(packageId);
    expect(signer.verify(id, expires, signature)).toBe('valid');
    expect(signer.verify(id, String(Number(expires) + 1), signature)).toBe('invalid');
    expect(signer.verify(randomUUID(), expires, signature)).toBe('invalid');
    expect(signer.verify(id, expires, signature, (Number(expires) + 1) * 1000)).toBe('expired');
    const url = new URL(signer.launchUrl(packageId, 'content/valuation.html?x=1#top'));
    expect(url.origin).toBe(app.get(AppConfig).contentUrl.origin);
    expect(url.pathname).toMatch(
      new RegExp(`^/content/${packageId}/[0-9]+/[A-Za-z0-9_-]{32}/content/valuation\\.html$`),
    );
    expect(url.search).toBe('?x=1');
    expect(signer.urlFor(packageId, 'a dir/file #1.html')).toMatch(/\/a%20dir\/file%20%231\.html$/);
  });

  it('serves the launch file as HTML with nosniff, frame-ancestors and no app CSP', async () => {
    const launch = new URL(signer.launchUrl(packageId, 'content/valuation.html'));
    const response = await get(launch.pathname).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toBe(frameAncestors);
    expect(response.headers['content-security-policy']).not.toMatch(/script-src|'none'/);
    expect(response.headers['x-frame-options']).toBeUndefined();
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cache-control']).toMatch(/^private, max-age=(1[0-4][0-9]{3}|[0-9]{1,4})$/);
    expect(response.text).toBe(readFileSync(path.join(packageDir, 'content', 'valuation.html'), 'utf8'));
  });

  it.each([
    ['content/sco.js', /^(application|text)\/javascript/],
    ['content/sco.css', /^text\/css/],
    ['media/background.jpg', /^image\/jpeg$/],
    ['media/badge.png', /^image\/png$/],
    ['imsmanifest.xml', /^(application|text)\/xml/],
  ])('serves %s with its type', async (file, type) => {
    const response = await get(`${prefix}${file}`).expect(200);
    expect(response.headers['content-type']).toMatch(type);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toBe(frameAncestors);
  });

  it('serves unknown types as application/octet-stream', async () => {
    writeFileSync(path.join(packageDir, 'content', 'data.unknownext'), 'x');
    const response = await get(`${prefix}content/data.unknownext`).expect(200);
    expect(response.headers['content-type']).toBe('application/octet-stream');
  });

  it('answers range requests with 206 and the right bytes', async () => {
    const bytes = readFileSync(path.join(packageDir, 'media', 'background.jpg'));
    const response = await get(`${prefix}media/background.jpg`)
      .set('Range', 'bytes=10-99')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(206);
    expect(response.headers['content-range']).toBe(`bytes 10-99/${bytes.length}`);
    expect(response.headers['accept-ranges']).toBe('bytes');
    expect(Buffer.compare(response.body as Buffer, bytes.subarray(10, 100))).toBe(0);
    await get(`${prefix}media/background.jpg`)
      .set('Range', `bytes=${bytes.length + 10}-`)
      .expect(416);
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await raw(`${prefix}content/valuation.html`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(Number(response.headers['content-length'])).toBeGreaterThan(0);
    expect(response.headers['content-security-policy']).toBe(frameAncestors);
    expect(response.body).toBe('');
  });

  it('refuses an expired link', async () => {
    const expired = signer.sign(packageId, Date.now() - 1000);
    const response = await get(`${expired}content/valuation.html`).expect(403);
    expect(response.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: expect.any(String),
      code: 'CONTENT_LINK_EXPIRED',
    });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a tampered or foreign signature', async () => {
    const [, , , expires, signature] = prefix.split('/');
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    const foreign = signer.sign(randomUUID(), Number(expires) * 1000).split('/')[4];
    for (const bad of [
      `/content/${packageId}/${expires}/${flipped}/content/valuation.html`,
      `/content/${packageId}/${expires}/${foreign}/content/valuation.html`,
      `/content/${packageId}/${Number(expires) + 3600}/${signature}/content/valuation.html`,
      `/content/${packageId}/${expires}/short/content/valuation.html`,
      `/content/not-a-uuid/${expires}/${signature}/content/valuation.html`,
    ]) {
      const response = await get(bad).expect(403);
      expect(response.body).toMatchObject({ statusCode: 403, code: 'CONTENT_LINK_INVALID' });
    }
  });

  it('never serves a file outside the package, however the path is spelled', async () => {
    const [, , , expires, signature] = prefix.split('/');
    const attempts = [
      `${prefix}../sentinel.txt`,
      `${prefix}content/../../sentinel.txt`,
      `${prefix}%2e%2e/sentinel.txt`,
      `${prefix}%2E%2E/sentinel.txt`,
      `${prefix}content%2f..%2f..%2fsentinel.txt`,
      `${prefix}..%2fsentinel.txt`,
      `${prefix}..%5csentinel.txt`,
      `${prefix}..\\sentinel.txt`,
      `${prefix}content/valuation.html%00.txt`,
      `${prefix}%00`,
      `${prefix}content/%252e%252e/%252e%252e/sentinel.txt`,
      `${prefix}content/escape.txt`,
      `${prefix}escape-dir/sentinel.txt`,
      `${prefix}/sentinel.txt`,
      `${prefix}.%2e/sentinel.txt`,
      `/content/${packageId}/${expires}/${signature}/../${packageId}/../sentinel.txt`,
      `${prefix}%`,
    ];
    for (const attempt of attempts) {
      const response = await raw(attempt);
      expect({ attempt, status: [400, 404].includes(response.status) }).toEqual({ attempt, status: true });
      expect(response.body).not.toContain(SENTINEL);
    }
  });

  it('lists no folder and 404s a missing file', async () => {
    for (const folder of ['', 'content', 'content/', 'media/']) {
      const response = await raw(`${prefix}${folder}`);
      expect({ folder, status: response.status }).toEqual({ folder, status: 404 });
      expect(response.body).not.toContain('valuation');
    }
    const missing = await get(`${prefix}content/missing.html`).expect(404);
    expect(missing.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
    // A valid signature for a package that does not exist.
    await get(`${signer.sign(randomUUID(), Date.now() + 60_000)}index.html`).expect(404);
  });

  it('keeps the two origins apart', async () => {
    // Content paths do not exist on the app's host…
    await get(`${prefix}content/valuation.html`, appHost).expect(404);
    await get('/content', appHost).expect(404);
    // …and nothing but content exists on the content host.
    await get('/api/health', contentHost).expect(404);
    await get('/api/docs/openapi.json', contentHost).expect(404);
    await get('/', contentHost).expect(404);
    await get('/index.html', contentHost).expect(404);
    await request(app.getHttpServer()).post(`${prefix}content/valuation.html`).set('Host', contentHost).expect(404);
    // The app's own pages keep the app's strict headers.
    const health = await get('/api/health', appHost);
    expect(health.status).not.toBe(404);
    expect(health.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});
