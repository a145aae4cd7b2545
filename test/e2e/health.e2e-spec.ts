import request from 'supertest';
import { createTestApp, TestApp } from '../support/app';
import { TcpProxy } from '../support/tcp-proxy';

async function pollUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) {
      return Date.now() - started;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

describe('GET /api/health', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('is public and answers 200 with db and redis up', async () => {
    const response = await request(app.getHttpServer()).get('/api/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', db: 'up', redis: 'up' });
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

/**
 * The app reaches MariaDB and Redis through TCP proxies that the test cuts and restores: the
 * machine's own servers keep running for every other test.
 */
describe.each([
  ['db', 'DATABASE_URL'],
  ['redis', 'REDIS_URL'],
] as const)('GET /api/health when %s goes away', (component, variable) => {
  let app: TestApp;
  let proxy: TcpProxy;
  const original = process.env[variable]!;

  beforeAll(async () => {
    const target = new URL(original);
    proxy = new TcpProxy(target.hostname, Number(target.port || (component === 'db' ? 3306 : 6379)));
    const port = await proxy.start();
    const viaProxy = new URL(original);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(port);
    process.env[variable] = viaProxy.toString();
    app = await createTestApp();
  });

  afterAll(async () => {
    process.env[variable] = original;
    await app.close();
    await proxy.stop();
  });

  it(`answers 503 within 5 s with ${component} down, and 200 again once it returns, without a restart`, async () => {
    const server = app.getHttpServer();
    await request(server).get('/api/health').expect(200);

    await proxy.stop();
    const downAfter = await pollUntil(async () => {
      const response = await request(server).get('/api/health');
      return response.status === 503 && response.body[component] === 'down';
    }, 5000);
    const down = await request(server).get('/api/health').expect(503);
    expect(down.body).toEqual({
      status: 'error',
      db: component === 'db' ? 'down' : 'up',
      redis: component === 'redis' ? 'down' : 'up',
    });
    expect(downAfter).toBeLessThan(5000);

    await proxy.start();
    await pollUntil(async () => (await request(server).get('/api/health')).status === 200, 10_000);
    const up = await request(server).get('/api/health').expect(200);
    expect(up.body).toEqual({ status: 'ok', db: 'up', redis: 'up' });
  });
});
