import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import { createTestApp, createUser, login, TestApp } from '../support/app';
import { isolateRedisPrefix } from '../support/accounts';
import { TcpProxy } from '../support/tcp-proxy';

/** Enqueueing while Redis is away answers 503 at once, writes no half job, and works again after. */
describe('imports while Redis is down', () => {
  let app: TestApp;
  let proxy: TcpProxy;
  let admin: string;
  let restorePrefix: () => void;
  let uploadsBefore: string[] = [];
  const original = process.env.REDIS_URL!;
  const bundle = path.join(mkdtempSync(path.join(tmpdir(), 'clearance-redis-down-')), 'bundle.zip');

  beforeAll(async () => {
    restorePrefix = isolateRedisPrefix('queue-unavailable');
    const uploadsDir = path.join(process.env.DATA_DIR!, 'uploads');
    uploadsBefore = existsSync(uploadsDir) ? readdirSync(uploadsDir) : [];
    const target = new URL(original);
    proxy = new TcpProxy(target.hostname, Number(target.port || 6379));
    const viaProxy = new URL(original);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(await proxy.start());
    process.env.REDIS_URL = viaProxy.toString();
    app = await createTestApp();
    const a = await createUser(app, { role: UserRole.Admin, country: null });
    admin = await login(app, a.email, a.password);
  });

  afterAll(async () => {
    // The accepted uploads wait for a worker that never comes: take them away, so later suites
    // that check the upload folder see only their own.
    const uploadsDir = path.join(process.env.DATA_DIR!, 'uploads');
    for (const name of readdirSync(uploadsDir)) {
      if (!uploadsBefore.includes(name)) {
        rmSync(path.join(uploadsDir, name), { force: true });
      }
    }
    process.env.REDIS_URL = original;
    await app?.close();
    await proxy?.stop();
    restorePrefix?.();
  });

  let uploads = 0;
  // A different file each time: the same bundle again would answer its earlier job without queueing.
  const upload = () => {
    writeFileSync(bundle, `PK\u0003\u0004 not really a bundle, upload ${++uploads}`);
    return request(app.getHttpServer())
      .post('/api/imports/licence')
      .auth(admin, { type: 'bearer' })
      .attach('file', bundle);
  };

  it('answers 503 quickly, records the job as not queued and keeps no upload; 202 again once Redis is back', async () => {
    await upload().expect(202); // the queue connection is up
    const uploadsDir = path.join(process.env.DATA_DIR!, 'uploads');
    const waiting = readdirSync(uploadsDir).sort();
    await proxy.stop();
    const started = Date.now();
    const refused = await upload();
    const took = Date.now() - started;
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(took).toBeLessThan(5_000);
    const rows = await app
      .get(DataSource)
      .query(
        "SELECT state, error_code FROM import_jobs WHERE kind = 'licence_bundle' ORDER BY created_at DESC LIMIT 1",
      );
    expect(rows).toEqual([{ state: 'failed', error_code: 'QUEUE_UNAVAILABLE' }]);
    expect(readdirSync(uploadsDir).sort()).toEqual(waiting);

    await proxy.start();
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < deadline && status !== 202) {
      status = (await upload()).status;
      if (status !== 202) {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    expect(status).toBe(202);
  });
});
