import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { AuthenticatedUser, BulkOnboardingService, UserRole } from '@app/accounts';
import { AuditAction, AuditService } from '@app/audit';
import { CatalogueService } from '@app/catalogue';
import { DomainException, ErrorCode } from '@app/common';
import { ReceivedLicenceRepository } from '@app/licences';
import { JobName, JobPayloads, QueueService } from '@app/queue';

/** The jobs an ImportJob row can mirror. */
type ImportJobName =
  JobName.ImportScormPackage | JobName.ImportLicenceBundle | JobName.ImportXliffTranslation | JobName.ImportOfficers;
import { BlobStore } from '@app/storage';
import { ImportJob, ImportJobKind, ImportJobState } from '../entities/import-job.entity';
import { ImportJobRepository } from '../repositories/import-job.repository';
import { IMPORT_QUIET_SECONDS } from './import-run';

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
    private readonly receivedLicences: ReceivedLicenceRepository,
    private readonly onboarding: BulkOnboardingService,
    private readonly audit: AuditService,
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
    input: {
      jobId: string;
      uploadPath: string;
      fileName: string;
      courseId?: string;
      language: 'en' | 'fr' | 'es';
      /** A translated package: the package of the same course it was translated from. */
      sourcePackageId?: string;
      /** Publish the course once the package is in (the demo seed). */
      publish?: boolean;
    },
  ): Promise<string> {
    if (input.courseId && !(await this.catalogue.mayAddPackage(requester, input.courseId))) {
      // Another's course answers like a missing one.
      await this.discardUpload(input.uploadPath);
      throw DomainException.notFound('Course', ErrorCode.CourseNotFound);
    }
    if (
      input.sourcePackageId &&
      !(
        input.courseId &&
        (await this.catalogue.isTranslationSource(input.courseId, input.sourcePackageId, input.language))
      )
    ) {
      await this.discardUpload(input.uploadPath);
      throw DomainException.badRequest(
        'sourcePackageId must be a package of the same course in another language',
        ErrorCode.ValidationFailed,
      );
    }
    const job = this.newJob(input.jobId, ImportJobKind.ScormPackage, input.fileName, requester, {
      name: JobName.ImportScormPackage,
      data: {
        importJobId: input.jobId,
        uploadPath: input.uploadPath,
        fileName: input.fileName.slice(0, 255),
        ...(input.courseId ? { courseId: input.courseId } : {}),
        ...(input.sourcePackageId ? { sourcePackageId: input.sourcePackageId } : {}),
        ...(input.publish ? { publish: true } : {}),
        language: input.language,
        requestedBy: requester.id,
      },
    });
    await this.insertJob(job);
    await this.enqueue(job, input.uploadPath);
    this.logger.log({ jobId: job.id, fileName: job.fileName }, 'Package import queued');
    return job.id;
  }

  /**
   * Queues the import of an uploaded licence bundle. The same bundle (by its SHA-256) has one job:
   * uploading it again, or a hundred times at once, answers that job's id and queues nothing more,
   * unless that job failed, or it imported a revision of its licence older than the one now held
   * (a replay of an old bundle): that upload gets a job of its own, which refuses it with its reason.
   */
  async queueLicenceImport(
    requester: ImportRequester,
    input: { uploadPath: string; fileName: string; bundleSha256: string },
  ): Promise<string> {
    const sameBundle = uuidFromHash(input.bundleSha256);
    const earlier = await this.jobs.findVisible(sameBundle, null);
    if (earlier && earlier.state !== ImportJobState.Failed && !(await this.superseded(earlier))) {
      await this.discardUpload(input.uploadPath);
      return earlier.id;
    }
    const id = earlier ? randomUUID() : sameBundle;
    const job = this.newJob(id, ImportJobKind.LicenceBundle, input.fileName, requester, {
      name: JobName.ImportLicenceBundle,
      data: {
        importJobId: id,
        uploadPath: input.uploadPath,
        fileName: input.fileName.slice(0, 255),
        bundleSha256: input.bundleSha256,
        requestedBy: requester.id,
      },
    });
    try {
      await this.insertJob(job);
    } catch (error) {
      if ((error as { code?: string }).code === 'ER_DUP_ENTRY') {
        await this.discardUpload(input.uploadPath); // the same bundle, uploaded at the same moment
        return job.id;
      }
      throw error;
    }
    await this.enqueue(job, input.uploadPath);
    this.logger.log({ jobId: job.id, fileName: job.fileName }, 'Licence bundle import queued');
    return job.id;
  }

  /** Whether a completed licence import brought a revision older than the one this server now holds. */
  private async superseded(job: ImportJob): Promise<boolean> {
    const result = job.result as { licenceId?: unknown; revision?: unknown } | null;
    if (job.state !== ImportJobState.Completed || typeof result?.licenceId !== 'string') {
      return false;
    }
    const held = await this.receivedLicences.findById(result.licenceId);
    return held !== null && typeof result.revision === 'number' && held.revision > result.revision;
  }

  /** Queues an XLIFF file of translated course texts (the `translations` queue). */
  async queueXliffImport(
    requester: ImportRequester,
    input: { jobId: string; uploadPath: string; fileName: string },
  ): Promise<string> {
    const job = this.newJob(input.jobId, ImportJobKind.Translation, input.fileName, requester, {
      name: JobName.ImportXliffTranslation,
      data: {
        importJobId: input.jobId,
        uploadPath: input.uploadPath,
        fileName: input.fileName.slice(0, 255),
        requestedBy: requester.id,
      },
    });
    await this.insertJob(job);
    await this.enqueue(job, input.uploadPath);
    this.logger.log({ jobId: job.id, fileName: job.fileName }, 'Translation import queued');
    return job.id;
  }

  /**
   * Queues a coordinator's CSV of officers (bulk onboarding, docs/people.md) on the `imports` queue.
   * A coordinator onboards into their own country (another is 403); an admin names the country.
   */
  async queueOfficerImport(
    caller: AuthenticatedUser,
    input: { jobId: string; uploadPath: string; fileName: string; country?: string },
  ): Promise<string> {
    const country = this.onboarding.targetCountry(caller, input.country);
    const requester: ImportRequester = { id: caller.id, isAdmin: caller.roles.includes(UserRole.Admin) };
    const job = this.newJob(input.jobId, ImportJobKind.Officers, input.fileName, requester, {
      name: JobName.ImportOfficers,
      data: {
        importJobId: input.jobId,
        uploadPath: input.uploadPath,
        fileName: input.fileName.slice(0, 255),
        country,
        requestedBy: requester.id,
      },
    });
    await this.insertJob(job);
    await this.enqueue(job, input.uploadPath);
    this.logger.log({ jobId: job.id, fileName: job.fileName, country }, 'Officer import queued');
    return job.id;
  }

  /**
   * Queues again, under their own ids, the imports MySQL says are waiting or running but Redis no
   * longer knows (lost in a Redis restart without persistence, or a failover). Rows younger than
   * `olderThanSeconds` are left to the request that is queueing them. Imports are idempotent, so a
   * job queued twice does its work once.
   */
  async requeueLost(olderThanSeconds: number): Promise<number> {
    let requeued = 0;
    for (const job of await this.jobs.unfinishedOlderThan(olderThanSeconds, IMPORT_QUIET_SECONDS)) {
      if (!job.payload || (await this.queues.isKnown(job.payload.name as JobName, job.id))) {
        continue;
      }
      await this.queues.enqueue(job.payload.name as ImportJobName, job.payload.data as never, { jobId: job.id });
      requeued += 1;
      this.logger.warn({ jobId: job.id, kind: job.kind }, 'Import job lost by Redis: queued again');
    }
    return requeued;
  }

  /** The job's row and its audit entry ("an import started") commit together. */
  private async insertJob(job: ImportJob): Promise<void> {
    const action = {
      [ImportJobKind.ScormPackage]: AuditAction.ImportPackage,
      [ImportJobKind.LicenceBundle]: AuditAction.ImportLicence,
      [ImportJobKind.Translation]: AuditAction.ImportTranslation,
      [ImportJobKind.Officers]: AuditAction.ImportOfficers,
    }[job.kind];
    await this.jobs.inTransaction(async (manager) => {
      await this.jobs.insert(job, manager);
      await this.audit.record(manager, { action, targetType: 'import_job', targetId: job.id });
    });
  }

  private newJob(
    id: string,
    kind: ImportJobKind,
    fileName: string,
    requester: ImportRequester,
    payload: { [N in ImportJobName]: { name: N; data: JobPayloads[N] } }[ImportJobName],
  ): ImportJob {
    return Object.assign(new ImportJob(), {
      id,
      kind,
      state: ImportJobState.Waiting,
      progress: 0,
      result: null,
      error: null,
      errorCode: null,
      fileName: fileName.slice(0, 255),
      requestedBy: requester.id,
      finishedAt: null,
      payload,
    });
  }

  /** Queues a job whose row is written; if the queue cannot take it, the row says so and the upload goes. */
  private async enqueue(job: ImportJob, uploadPath: string): Promise<void> {
    const { name, data } = job.payload!;
    try {
      await this.queues.enqueue(name as ImportJobName, data as never, { jobId: job.id });
    } catch (error) {
      await this.jobs.markFailed(job.id, 'The import could not be queued: try again', 'QUEUE_UNAVAILABLE');
      await this.discardUpload(uploadPath);
      throw error;
    }
  }

  /** The job as its requester (or an admin) sees it; 404 for anyone else. */
  async get(requester: ImportRequester, id: string): Promise<ImportJob> {
    const job = await this.jobs.findVisible(id, requester.isAdmin ? null : requester.id);
    if (!job) {
      throw DomainException.notFound('Import job', ErrorCode.JobNotFound);
    }
    return job;
  }

  history(
    requester: ImportRequester,
    page: number,
    pageSize: number,
    state?: ImportJobState,
  ): Promise<{ items: ImportJob[]; total: number }> {
    return this.jobs.history(requester.isAdmin ? null : requester.id, page, pageSize, state);
  }
}

/** A UUID-shaped id made from a SHA-256 (version nibble 8: custom), so one bundle has one job id. */
function uuidFromHash(sha256: string): string {
  const hex = sha256.slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
