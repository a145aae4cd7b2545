import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ErrorCode } from '@app/common';
import { JobName } from '@app/queue';
import { ImportJob, ImportJobKind, ImportJobState } from '../entities/import-job.entity';
import { ImportsService } from './imports.service';

const learner = { id: 'user-1', isAdmin: false };
const admin = { id: 'admin-1', isAdmin: true };
const SHA = 'ab'.repeat(32);

describe(ImportsService.name, () => {
  const jobs = {
    insert: jest.fn(),
    inTransaction: jest.fn((work: (manager: unknown) => Promise<unknown>) => work({})),
    findVisible: jest.fn(),
    history: jest.fn(),
    markFailed: jest.fn(),
    unfinishedOlderThan: jest.fn(),
  };
  const queues = { enqueue: jest.fn(), isKnown: jest.fn() };
  const catalogue = { mayAddPackage: jest.fn(), isTranslationSource: jest.fn() };
  const receivedLicences = { findById: jest.fn() };
  let dir: string;
  let upload: string;
  let sut: ImportsService;

  beforeEach(async () => {
    jest.clearAllMocks();
    dir = await mkdtemp(path.join(tmpdir(), 'imports-spec-'));
    upload = path.join(dir, 'upload.zip');
    await writeFile(upload, 'zip');
    jobs.insert.mockResolvedValue(undefined);
    queues.enqueue.mockResolvedValue(undefined);
    sut = new ImportsService(
      jobs as never,
      queues as never,
      catalogue as never,
      { uploadsDir: () => Promise.resolve(dir) } as never,
      receivedLicences as never,
      {} as never,
      { record: jest.fn() } as never,
    );
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('queuePackageImport', () => {
    it('writes the job row, then queues its typed payload under the same id', async () => {
      catalogue.mayAddPackage.mockResolvedValue(true);
      const order: string[] = [];
      jobs.insert.mockImplementation(() => void order.push('insert'));
      queues.enqueue.mockImplementation(() => void order.push('enqueue'));

      const id = await sut.queuePackageImport(learner, {
        jobId: 'job-1',
        uploadPath: upload,
        fileName: 'golf.zip',
        courseId: 'course-1',
        language: 'fr',
      });

      expect(id).toBe('job-1');
      expect(order).toEqual(['insert', 'enqueue']);
      expect(jobs.insert).toHaveBeenCalledWith(
        expect.objectContaining({ id: 'job-1', kind: ImportJobKind.ScormPackage, state: ImportJobState.Waiting }),
        expect.anything(),
      );
      expect(queues.enqueue).toHaveBeenCalledWith(
        JobName.ImportScormPackage,
        expect.objectContaining({ importJobId: 'job-1', courseId: 'course-1', language: 'fr', requestedBy: 'user-1' }),
        { jobId: 'job-1' },
      );
    });

    it("answers another's course like a missing one (404 COURSE_NOT_FOUND) and removes the upload", async () => {
      catalogue.mayAddPackage.mockResolvedValue(false);

      await expect(
        sut.queuePackageImport(learner, {
          jobId: 'job-1',
          uploadPath: upload,
          fileName: 'a.zip',
          courseId: 'c',
          language: 'en',
        }),
      ).rejects.toMatchObject({ code: ErrorCode.CourseNotFound });
      expect(jobs.insert).not.toHaveBeenCalled();
      expect(existsSync(upload)).toBe(false);
    });

    it('marks the row failed and removes the upload when the queue cannot take the job', async () => {
      queues.enqueue.mockRejectedValue(new Error('Redis down'));

      await expect(
        sut.queuePackageImport(learner, { jobId: 'job-1', uploadPath: upload, fileName: 'a.zip', language: 'en' }),
      ).rejects.toThrow('Redis down');
      expect(jobs.markFailed).toHaveBeenCalledWith('job-1', expect.any(String), 'QUEUE_UNAVAILABLE');
      expect(existsSync(upload)).toBe(false);
    });
  });

  describe('queueLicenceImport', () => {
    it('answers the earlier job of the same bundle and queues nothing more', async () => {
      jobs.findVisible.mockResolvedValue(
        Object.assign(new ImportJob(), { id: 'earlier', state: ImportJobState.Active, result: null }),
      );

      const id = await sut.queueLicenceImport(admin, { uploadPath: upload, fileName: 'b.zip', bundleSha256: SHA });

      expect(id).toBe('earlier');
      expect(jobs.insert).not.toHaveBeenCalled();
      expect(queues.enqueue).not.toHaveBeenCalled();
      expect(existsSync(upload)).toBe(false);
    });

    it('gives a new bundle the job id its hash makes, so one bundle has one job', async () => {
      jobs.findVisible.mockResolvedValue(null);

      const id = await sut.queueLicenceImport(admin, { uploadPath: upload, fileName: 'b.zip', bundleSha256: SHA });

      expect(id).toMatch(/^abababab-abab-8bab-abab-abababababab$/);
      expect(queues.enqueue).toHaveBeenCalledWith(
        JobName.ImportLicenceBundle,
        expect.objectContaining({ importJobId: id, bundleSha256: SHA }),
        { jobId: id },
      );
    });

    it('queues a replay of a bundle whose revision is older than the one held, so its job can refuse it', async () => {
      jobs.findVisible.mockResolvedValue(
        Object.assign(new ImportJob(), {
          id: 'earlier',
          state: ImportJobState.Completed,
          result: { licenceId: 'licence-1', revision: 1 },
        }),
      );
      receivedLicences.findById.mockResolvedValue({ id: 'licence-1', revision: 2 });

      const id = await sut.queueLicenceImport(admin, { uploadPath: upload, fileName: 'b.zip', bundleSha256: SHA });

      expect(id).not.toBe('earlier');
      expect(receivedLicences.findById).toHaveBeenCalledWith('licence-1');
      expect(queues.enqueue).toHaveBeenCalledTimes(1);
    });
  });

  it('shows a job to its requester and to admins only (404 JOB_NOT_FOUND for others)', async () => {
    jobs.findVisible.mockResolvedValue(null);
    await expect(sut.get(learner, 'job-1')).rejects.toMatchObject({ code: ErrorCode.JobNotFound });
    expect(jobs.findVisible).toHaveBeenCalledWith('job-1', 'user-1');
    await sut.get(admin, 'job-1').catch(() => undefined);
    expect(jobs.findVisible).toHaveBeenLastCalledWith('job-1', null);
  });

  it('queues again, under their own ids, only the unfinished jobs Redis no longer knows', async () => {
    const payload = { name: JobName.ImportScormPackage, data: { importJobId: 'x' } };
    jobs.unfinishedOlderThan.mockResolvedValue([
      Object.assign(new ImportJob(), { id: 'known', payload }),
      Object.assign(new ImportJob(), { id: 'lost', payload }),
      Object.assign(new ImportJob(), { id: 'no-payload', payload: null }),
    ]);
    queues.isKnown.mockImplementation((_name: string, id: string) => Promise.resolve(id === 'known'));

    await expect(sut.requeueLost(60)).resolves.toBe(1);
    expect(queues.enqueue).toHaveBeenCalledWith(JobName.ImportScormPackage, payload.data, { jobId: 'lost' });
  });
});
