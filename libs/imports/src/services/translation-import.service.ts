import { Injectable, Logger } from '@nestjs/common';
import { readFile, rm, stat } from 'node:fs/promises';
import { CatalogueService, parseXliff, sourceHash, XLIFF_UNITS, XliffError } from '@app/catalogue';
import { DomainException } from '@app/common';
import { ImportXliffTranslationPayload, JobContext, JobName, JobResults } from '@app/queue';
import { ImportJobRepository } from '../repositories/import-job.repository';
import { endFailedImport } from './failed-import';
import { startImportRun } from './import-run';

type Result = JobResults[JobName.ImportXliffTranslation];

const MAX_XLIFF_BYTES = 2 * 1024 * 1024;

/**
 * Worker side of an XLIFF import: the file names its course and languages; its translated units
 * become that language's catalogue texts, with the hash of the source texts they were made from
 * (so a later change of the source flags them stale). Bad input fails at once with a reason.
 */
@Injectable()
export class TranslationImportService {
  private readonly logger = new Logger(TranslationImportService.name);

  constructor(
    private readonly jobs: ImportJobRepository,
    private readonly catalogue: CatalogueService,
  ) {}

  async run(payload: ImportXliffTranslationPayload, context: JobContext): Promise<Result> {
    const id = payload.importJobId;
    const run = await startImportRun<Result>(this.jobs, id);
    if (run.finished) {
      return run.finished;
    }
    try {
      if ((await stat(payload.uploadPath)).size > MAX_XLIFF_BYTES) {
        throw new XliffError(
          'XLIFF_TOO_LARGE',
          'The XLIFF file is larger than 2 MiB: a course text file is far smaller.',
        );
      }
      const document = parseXliff(await readFile(payload.uploadPath));
      await context.reportProgress(50);
      const translated = XLIFF_UNITS.filter((unit) => (document.units[unit]?.target.trim() ?? '') !== '');
      if (translated.length === 0) {
        throw new XliffError('XLIFF_EMPTY', 'The XLIFF file has no translated text (every <target> is empty).');
      }
      await this.catalogue.applyTranslation({
        courseId: document.courseId,
        source: document.source,
        target: document.target,
        ...(translated.includes('title') ? { title: document.units.title!.target.trim() } : {}),
        ...(translated.includes('description') ? { description: document.units.description!.target } : {}),
        sourceHash: sourceHash({
          title: document.units.title?.source ?? '',
          description: document.units.description?.source ?? '',
        }),
      });
      const result: Result = {
        courseId: document.courseId,
        language: document.target,
        sourceLanguage: document.source,
        units: translated,
      };
      await rm(payload.uploadPath, { force: true });
      await this.jobs.markCompleted(id, result);
      await context.reportProgress(100);
      this.logger.log({ jobId: id, ...result }, 'Translation imported');
      return result;
    } catch (error) {
      const known = error instanceof XliffError || error instanceof DomainException;
      return await endFailedImport(this.jobs, this.logger, context, {
        jobId: id,
        uploadPath: payload.uploadPath,
        error,
        permanent: known,
        code: known ? error.code : 'IMPORT_FAILED',
        what: 'Translation import',
      });
    } finally {
      run.stop();
    }
  }
}
