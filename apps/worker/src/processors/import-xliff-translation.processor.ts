import { Injectable } from '@nestjs/common';
import { TranslationImportService } from '@app/imports';
import { ImportXliffTranslationPayload, JobContext, JobHandler, JobName, JobResults } from '@app/queue';

@Injectable()
export class ImportXliffTranslationProcessor implements JobHandler<JobName.ImportXliffTranslation> {
  readonly jobName = JobName.ImportXliffTranslation;

  constructor(private readonly translations: TranslationImportService) {}

  handle(
    payload: ImportXliffTranslationPayload,
    context: JobContext,
  ): Promise<JobResults[JobName.ImportXliffTranslation]> {
    return this.translations.run(payload, context);
  }
}
