import { JobHandler } from './job-handler';
import { JobName } from './job-name.enum';
import { JobWorkerHost, MissingJobHandlersError } from './job-worker.host';
import { QueueService } from './queue.service';

const queues = {} as QueueService;

const handlerFor = (jobName: JobName): JobHandler => ({
  jobName,
  handle: () => Promise.resolve({ echo: '', workerPid: 0, finishedAt: '' }),
});

describe(JobWorkerHost.name, () => {
  it('refuses to start while a job name has no handler', async () => {
    const sut = new JobWorkerHost([], queues);
    expect(() => sut.assertComplete()).toThrow(MissingJobHandlersError);
    await expect(sut.start()).rejects.toThrow(/No handler for job name\(s\): system\.echo/);
  });

  it('accepts a complete set of handlers', () => {
    const sut = new JobWorkerHost(Object.values(JobName).map(handlerFor), queues);
    expect(() => sut.assertComplete()).not.toThrow();
  });

  it('refuses two handlers for one job name', () => {
    expect(() => new JobWorkerHost([handlerFor(JobName.SystemEcho), handlerFor(JobName.SystemEcho)], queues)).toThrow(
      /Two handlers/,
    );
  });
});
