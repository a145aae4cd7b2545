import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { CatalogueService } from '@app/catalogue';
import { DomainException, ErrorCode } from '@app/common';
import { JobName, QueueService } from '@app/queue';
import { BlobStore } from '@app/storage';
import { ImportJob, ImportJobKind, ImportJobState } from '../entities/import-job.entity';
import { ImportJobRepository } from '../repositories/import-job.repository';

export interface ImportRequester {
  id: string;
  isAdmin: boolean;
}

/** The api side of imports: the upload lands on disk, a row mirrors the job, then the job is queued. */
@Injectable()
export class ImportsService {
  private readonly logger = new Logger(ImportsService.name);

  constructor(
    private readonly jobs: ImportJobRepository,
    private readonly queues: QueueService,
    private readonly catalogue: CatalogueService,
    private readonly blobs: BlobStore,
  ) {}

  /** A path for an upload to stream into, and its future job id. */
  async reserveUpload(): Promise<{ jobId: string; uploadPath: string }> {
    const jobId = randomUUID();
    return { jobId, uploadPath: path.join(await this.blobs.uploadsDir(), `${jobId}.zip`) };
  }

  async discardUpload(uploadPath: string): Promise<void> {
    await rm(uploadPath, { force: true });
  }

  /** Queues the import of an uploaded package (already on disk). The row commits before the job is queued. */
  async queuePackageImport(
    requester: ImportRequester,
    input: { jobId: string; uploadPath: string; fileName: string; courseId?: string; language: 'en' | 'fr' | 'es' },
  ): Promise<string> {
    if (input.courseId && !(await this.catalogue.mayAddPackage(requester, input.courseId))) {
      // Another's course answers like a missing one.
      await this.discardUpload(input.uploadPath);
      throw DomainException.notFound('Course', ErrorCode.CourseNotFound);
    }
    const job: ImportJob = Object.assign(new ImportJob(), {
      id: input.jobId,
      kind: ImportJobKind.ScormPackage,
      state: ImportJobState.Waiting,
      progress: 0,
      result: null,
      error: null,
      errorCode: null,
      fileName: input.fileName.slice(0, 255),
      requestedBy: requester.id,
      finishedAt: null,
    });
    await this.jobs.insert(job);
    try {
      await this.queues.enqueue(
        JobName.ImportScormPackage,
        {
          importJobId: job.id,
          uploadPath: input.uploadPath,
          fileName: job.fileName,
          ...(input.courseId ? { courseId: input.courseId } : {}),
          language: input.language,
          requestedBy: requester.id,
        },
        { jobId: job.id },
      );
    } catch (error) {
      await this.jobs.markFailed(job.id, 'The import could not be queued: try again', 'QUEUE_UNAVAILABLE');
      await this.discardUpload(input.uploadPath);
      throw error;
    }
    this.logger.log({ jobId: job.id, fileName: job.fileName }, 'Package import queued');
    return job.id;
  }

  /** The job as its requester (or an admin) sees it; 404 for anyone else. */
  async get(requester: ImportRequester, id: string): Promise<ImportJob> {
    const job = await this.jobs.findVisible(id, requester.isAdmin ? null : requester.id);
    if (!job) {
      throw DomainException.notFound('Import job', ErrorCode.JobNotFound);
    }
    return job;
  }

  history(requester: ImportRequester, page: number, pageSize: number): Promise<{ items: ImportJob[]; total: number }> {
    return this.jobs.history(requester.isAdmin ? null : requester.id, page, pageSize);
  }
}
