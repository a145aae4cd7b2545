import request from 'supertest';
import { UserRole } from '@app/accounts';
import { createTestApp, createUser, login, resetDatabase, TestApp } from '../support/app';
import { WorkerProcess } from '../support/worker-process';

interface EchoJob {
  id: string;
  state: 'waiting' | 'active' | 'completed' | 'failed';
  progress: number;
  attemptsMade: number;
  result: { echo: string; workerPid: number } | null;
}

describe('the queue: api → Redis → worker', () => {
  let app: TestApp;
  let adminToken: string;
  let learnerToken: string;
  let worker: WorkerProcess;

  const enqueue = (body: object, token = adminToken) =>
    request(app.getHttpServer()).post('/api/admin/system/echo-jobs').auth(token, { type: 'bearer' }).send(body);

  const inspect = async (id: string): Promise<EchoJob> =>
    (
      await request(app.getHttpServer())
        .get(`/api/admin/system/echo-jobs/${id}`)
        .auth(adminToken, { type: 'bearer' })
        .expect(200)
    ).body as EchoJob;

  async function waitForState(id: string, states: EchoJob['state'][], timeoutMs = 20_000): Promise<EchoJob> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await inspect(id);
      if (states.includes(job.state)) {
        return job;
      }
      if (Date.now() > deadline) {
        throw new Error(`job ${id} still ${job.state} after ${timeoutMs} ms; worker log:\n${worker.log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    app = await createTestApp();
    await resetDatabase(app);
    const admin = await createUser(app, { role: UserRole.Admin, country: null });
    const learner = await createUser(app);
    adminToken = await login(app, admin.email, admin.password);
    learnerToken = await login(app, learner.email, learner.password);
  });

  afterAll(async () => {
    await worker?.stop();
    await app.close();
  });

  describe('POST /api/admin/system/echo-jobs', () => {
    it('needs a signed-in admin', async () => {
      await request(app.getHttpServer())
        .post('/api/admin/system/echo-jobs')
        .send({ message: 'x', delayMs: 0 })
        .expect(401);
      const forbidden = await enqueue({ message: 'x', delayMs: 0 }, learnerToken).expect(403);
      expect(forbidden.body.code).toBe('FORBIDDEN');
    });

    it.each([{}, { message: 'x' }, { message: 'x', delayMs: 'soon' }, { message: 'x', delayMs: 10, extra: 1 }])(
      'refuses the payload %p with 400',
      async (body) => {
        expect((await enqueue(body).expect(400)).body.code).toBe('VALIDATION_FAILED');
      },
    );

    it('answers 404 for an unknown job and 400 for a malformed id', async () => {
      const unknown = await request(app.getHttpServer())
        .get('/api/admin/system/echo-jobs/6b0c5e0e-4c36-4d8e-9d7e-2f1f2f1f2f1f')
        .auth(adminToken, { type: 'bearer' })
        .expect(404);
      expect(unknown.body.code).toBe('JOB_NOT_FOUND');
      await request(app.getHttpServer())
        .get('/api/admin/system/echo-jobs/1')
        .auth(adminToken, { type: 'bearer' })
        .expect(400);
    });
  });

  it('a job enqueued by the api waits until a worker runs it, then completes with its result', async () => {
    const { jobId } = (await enqueue({ message: 'hello, worker', delayMs: 200 }).expect(202)).body as { jobId: string };
    expect((await inspect(jobId)).state).toBe('waiting');

    worker = new WorkerProcess();
    await worker.start();
    const done = await waitForState(jobId, ['completed', 'failed']);
    expect(done).toMatchObject({ state: 'completed', progress: 100, attemptsMade: 1 });
    expect(done.result).toMatchObject({ echo: 'hello, worker', workerPid: worker.pid });
  });

  it('SIGTERM while a job runs: the worker finishes the job, then exits cleanly', async () => {
    const { jobId } = (await enqueue({ message: 'finish me', delayMs: 3000 }).expect(202)).body as { jobId: string };
    await waitForState(jobId, ['active']);
    const pid = worker.pid;

    worker.signal('SIGTERM');
    // Nest re-raises the signal once its shutdown hooks are done: the conventional clean exit on SIGTERM.
    const exit = await worker.exit!;
    expect(exit).toEqual({ code: null, signal: 'SIGTERM' });
    expect(worker.log).toContain('Workers stopped: every active job finished');

    const job = await inspect(jobId);
    expect(job).toMatchObject({ state: 'completed', progress: 100, result: { echo: 'finish me', workerPid: pid } });
    expect(worker.log).toContain('Stopping workers: waiting for active jobs');
  });
});
