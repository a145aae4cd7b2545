import { Injectable, Logger } from '@nestjs/common';
import { readFile, rm, stat } from 'node:fs/promises';
import { BulkOnboardingService, OFFICER_CSV_LIMITS, OfficerCsvError } from '@app/accounts';
import { DomainException } from '@app/common';
import { ImportOfficersPayload, JobContext, JobName, JobResults } from '@app/queue';
import { ImportJobRepository } from '../repositories/import-job.repository';
import { endFailedImport } from './failed-import';
import { startImportRun } from './import-run';

type Result = JobResults[JobName.ImportOfficers];

/**
 * Worker side of bulk onboarding: the uploaded CSV is read and its officers onboarded by the
 * accounts library; the job's result is its row report. A file that cannot be read at all fails
 * at once with a code and a sentence.
 */
@Injectable()
export class OfficerImportService {
  private readonly logger = new Logger(OfficerImportService.name);

  constructor(
    private readonly jobs: ImportJobRepository,
    private readonly onboarding: BulkOnboardingService,
  ) {}

  async run(payload: ImportOfficersPayload, context: JobContext): Promise<Result> {
    const id = payload.importJobId;
    const run = await startImportRun<Result>(this.jobs, id);
    if (run.finished) {
      return run.finished;
    }
    try {
      if ((await stat(payload.uploadPath)).size > OFFICER_CSV_LIMITS.maxBytes) {
        throw new OfficerCsvError('CSV_MALFORMED', 'The file is larger than 2 MiB.');
      }
      const result = await this.onboarding.onboard(
        { bytes: await readFile(payload.uploadPath), country: payload.country, requestedBy: payload.requestedBy },
        async (percent) => {
          await context.reportProgress(percent);
          await this.jobs.setProgress(id, percent);
        },
      );
      await rm(payload.uploadPath, { force: true });
      await this.jobs.markCompleted(id, result);
      await context.reportProgress(100);
      this.logger.log({ jobId: id, created: result.created, rejected: result.rejectedCount }, 'Officer import done');
      return result;
    } catch (error) {
      const known = error instanceof OfficerCsvError || error instanceof DomainException;
      return await endFailedImport(this.jobs, this.logger, context, {
        jobId: id,
        uploadPath: payload.uploadPath,
        error,
        permanent: known,
        code: known ? error.code : 'IMPORT_FAILED',
        what: 'Officer import',
      });
    } finally {
      run.stop();
    }
  }
}
