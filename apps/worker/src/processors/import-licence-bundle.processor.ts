import { Injectable } from '@nestjs/common';
import { LicenceImportService } from '@app/imports';
import { ImportLicenceBundlePayload, JobContext, JobHandler, JobName, JobResults } from '@app/queue';

@Injectable()
export class ImportLicenceBundleProcessor implements JobHandler<JobName.ImportLicenceBundle> {
  readonly jobName = JobName.ImportLicenceBundle;

  constructor(private readonly imports: LicenceImportService) {}

  handle(payload: ImportLicenceBundlePayload, context: JobContext): Promise<JobResults[JobName.ImportLicenceBundle]> {
    return this.imports.run(payload, context);
  }
}
