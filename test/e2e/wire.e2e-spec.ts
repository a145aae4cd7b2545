import http from 'node:http';
import { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import request from 'supertest';
import { UserRole } from '@app/accounts';
import { AppConfig } from '@app/config';
import { QueueName } from '@app/queue';
import { ContentSigner } from '@app/scorm';
import { isolateRedisPrefix } from '../support/accounts';
import { createTestApp, createUser, login, TestApp } from '../support/app';
import { startTestWorker, TestWorker } from '../support/test-worker';
import { wirePackage } from '../support/wire-package';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as received, still encoded. */
  body: Buffer;
}

/**
 * Compression of the api's answers and of package content (docs/wire.md): what is compressed, with
 * which encoding, and what never is (small answers, images, ranges, 304s). Assets of the web build
 * are checked by test/browser/wire.browser-spec.ts, which has them built.
 */
describe('Answers on the wire', () => {
  let app: TestApp;
  let worker: TestWorker;
  let restorePrefix: () => void;
  let contentHost: string;
  let appHost: string;
  let prefix: string;
  const files = new Map<string, Buffer>();

  /** One request as written, nothing decoded: what the browser receives. */
  function fetchRaw(urlPath: string, headers: Record<string, string>, method = 'GET'): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const { port } = app.getHttpServer().address() as AddressInfo;
      const req = http.request({ host: '127.0.0.1', port, path: urlPath, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  const content = (file: string, headers: Record<string, string> = {}, method = 'GET') =>
    fetchRaw(`${prefix}${file}`, { host: contentHost, ...headers }, method);

  const decode = (answer: Answer): Buffer => {
    const encoding = answer.headers['content-encoding'];
    if (encoding === 'br') {
      return brotliDecompressSync(answer.body);
    }
    return encoding === 'gzip' ? gunzipSync(answer.body) : answer.body;
  };

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('wire');
    app = await createTestApp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    worker = await startTestWorker({}, [QueueName.Imports]);
    const config = app.get(AppConfig);
    contentHost = config.contentUrl.host;
    appHost = config.publicUrl.host;
    const admin = await createUser(app, { role: UserRole.Admin, country: null });
    const token = await login(app, admin.email, admin.password);
    const zip = await wirePackage();
    const accepted = await request(app.getHttpServer())
      .post('/api/courses/packages')
      .auth(token, { type: 'bearer' })
      .field('language', 'en')
      .attach('file', zip, 'wire.zip')
      .expect(202);
    const deadline = Date.now() + 30_000;
    let packageId: string | undefined;
    while (!packageId) {
      const job = (
        await request(app.getHttpServer())
          .get(`/api/import-jobs/${(accepted.body as { jobId: string }).jobId}`)
          .auth(token, { type: 'bearer' })
          .expect(200)
      ).body as { state: string; result: { packageId: string } | null };
      if (job.state === 'completed') {
        packageId = job.result!.packageId;
      } else if (job.state === 'failed' || Date.now() > deadline) {
        throw new Error(`import ${job.state}`);
      } else {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    prefix = new ContentSigner(config).sign(packageId, Date.now() + 60_000);
    for (const file of ['sco.html', 'sco.css', 'sco.js', 'note.txt', 'figure.png']) {
      files.set(file, (await content(file)).body);
    }
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    restorePrefix?.();
  });

  it('compresses JSON answers of 1 KB or more, brotli first, and says they vary by Accept-Encoding', async () => {
    const identity = await fetchRaw('/api/docs/openapi.json', { host: appHost });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body.length).toBeGreaterThan(1024);
    for (const [accept, encoding] of [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip, deflate', 'gzip'],
      ['br;q=0.5, gzip', 'gzip'],
    ]) {
      const answer = await fetchRaw('/api/docs/openapi.json', { host: appHost, 'accept-encoding': accept });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-encoding']).toBe(encoding);
      expect(answer.headers.vary).toMatch(/accept-encoding/i);
      expect(answer.body.length).toBeLessThan(identity.body.length / 3);
      expect(JSON.parse(decode(answer).toString('utf8'))).toEqual(JSON.parse(identity.body.toString('utf8')));
    }
  });

  it('sends answers under 1 KB as they are', async () => {
    const answer = await fetchRaw('/api/health', { host: appHost, 'accept-encoding': 'gzip, deflate, br' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
  });

  it.each([
    ['sco.html', /^text\/html/],
    ['sco.css', /^text\/css/],
    ['sco.js', /javascript/],
  ])('compresses the package text file %s for the browser, keeping its type and caching', async (file, type) => {
    const stored = files.get(file)!;
    expect(stored.length).toBeGreaterThan(1024);
    const plain = await content(file);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(stored.length);
    for (const [accept, encoding] of [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip', 'gzip'],
    ]) {
      const answer = await content(file, { 'accept-encoding': accept });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-encoding']).toBe(encoding);
      expect(answer.headers['content-type']).toMatch(type);
      expect(answer.headers.vary).toMatch(/accept-encoding/i);
      expect(answer.headers['content-length']).toBeUndefined();
      expect(answer.headers['cache-control']).toBe(plain.headers['cache-control']);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      // Same content, same (weak) validator in both encodings.
      expect(answer.headers.etag).toBe(plain.headers.etag);
      expect(answer.headers.etag).toMatch(/^W\//);
      expect(answer.body.length).toBeLessThan(stored.length / 2);
      expect(decode(answer).equals(stored)).toBe(true);
    }
  });

  it('sends small text files and images as stored', async () => {
    for (const file of ['note.txt', 'figure.png']) {
      const answer = await content(file, { 'accept-encoding': 'gzip, deflate, br' });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.body.equals(files.get(file)!)).toBe(true);
    }
    expect(files.get('figure.png')!.length).toBeGreaterThan(1024);
  });

  it('answers a range of a text file with the stored bytes, never compressed', async () => {
    const stored = files.get('sco.js')!;
    const answer = await content('sco.js', { 'accept-encoding': 'gzip, br', range: 'bytes=100-599' });
    expect(answer.status).toBe(206);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers['content-range']).toBe(`bytes 100-599/${stored.length}`);
    expect(answer.body.equals(stored.subarray(100, 600))).toBe(true);
  });

  it('revalidates a compressed file with its ETag: 304, no body', async () => {
    const first = await content('sco.html', { 'accept-encoding': 'br' });
    const again = await content('sco.html', { 'accept-encoding': 'br', 'if-none-match': first.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers['content-encoding']).toBeUndefined();
  });

  it('answers HEAD of a compressed file with the headers GET would have, and no body', async () => {
    const answer = await content('sco.html', { 'accept-encoding': 'br' }, 'HEAD');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.body.length).toBe(0);
  });
});
