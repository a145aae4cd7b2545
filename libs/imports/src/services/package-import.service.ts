import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { CatalogueService } from '@app/catalogue';
import { DomainException } from '@app/common';
import { ImportScormPackagePayload, JobContext, JobName, JobResults } from '@app/queue';
import { BlobStore } from '@app/storage';
import { ImportJobRepository } from '../repositories/import-job.repository';
import { InspectionFailedError, PackageInspector } from '../sandbox/package-inspector';
import { packageRecord } from './package-record';
import { endFailedImport } from './failed-import';
import { startImportRun } from './import-run';

/** Share of the progress bar each phase takes. */
const EXTRACTION_SHARE = 85;

/**
 * The worker side of a package import: inspect the upload in the sandbox, move the checked files
 * into the blob store, record the package version, and keep the MySQL mirror of the job current.
 * A package that cannot be imported fails at once (no retry) with a reason a person can read, and
 * leaves no file behind.
 */
@Injectable()
export class PackageImportService {
  private readonly logger = new Logger(PackageImportService.name);

  constructor(
    private readonly jobs: ImportJobRepository,
    private readonly inspector: PackageInspector,
    private readonly blobs: BlobStore,
    private readonly catalogue: CatalogueService,
  ) {}

  async run(payload: ImportScormPackagePayload, context: JobContext): Promise<JobResults[JobName.ImportScormPackage]> {
    const id = payload.importJobId;
    const run = await startImportRun<JobResults[JobName.ImportScormPackage]>(this.jobs, id);
    if (run.finished) {
      return run.finished;
    }
    const workDir = await this.blobs.workDir(id);
    const content = path.join(workDir, 'content');
    let storageKey: string | undefined;
    let lastProgress = 0;
    const progress = (percent: number): void => {
      const rounded = Math.floor(percent);
      if (rounded >= lastProgress + 5 || rounded === 100) {
        lastProgress = rounded;
        void context.reportProgress(rounded);
        void this.jobs.setProgress(id, rounded);
      }
    };
    try {
      const inspection = await this.inspector.inspect(
        { zipPath: payload.uploadPath, destination: content },
        (fraction) => progress(fraction * EXTRACTION_SHARE),
        context.signal,
      );
      const { manifest } = inspection;
      if (manifest.launchables.length === 0) {
        throw new InspectionFailedError('NOTHING_TO_LAUNCH', 'The package has no item that can be launched', true);
      }
      const packageId = randomUUID();
      storageKey = `packages/${packageId}`;
      await this.blobs.commitDirectory(content, storageKey);
      progress(92);
      const recorded = await this.catalogue.addImportedPackage({
        packageId,
        courseId: payload.courseId,
        language: payload.language,
        ...packageRecord(inspection, storageKey),
        importJobId: id,
        requestedBy: payload.requestedBy,
        ...(payload.sourcePackageId ? { sourcePackageId: payload.sourcePackageId } : {}),
        ...(payload.publish ? { publish: true } : {}),
      });
      const result = { courseId: recorded.courseId, packageId, warnings: manifest.warnings };
      // Clean before the job says it is done: a finished job has left nothing behind.
      await this.blobs.removeWorkDir(id);
      await rm(payload.uploadPath, { force: true });
      await this.jobs.markCompleted(id, result);
      await context.reportProgress(100);
      this.logger.log({ jobId: id, ...result, version: recorded.version }, 'Package imported');
      return result;
    } catch (error) {
      return await endFailedImport(this.jobs, this.logger, context, {
        jobId: id,
        uploadPath: payload.uploadPath,
        error,
        permanent: (error instanceof InspectionFailedError && error.permanent) || error instanceof DomainException,
        code: error instanceof InspectionFailedError || error instanceof DomainException ? error.code : 'IMPORT_FAILED',
        what: 'Package import',
        cleanUp: async () => {
          if (storageKey) {
            await this.blobs.removeDirectory(storageKey).catch(() => undefined);
          }
          await this.blobs.removeWorkDir(id);
        },
      });
    } finally {
      run.stop();
      await this.blobs.removeWorkDir(id);
    }
  }
}
