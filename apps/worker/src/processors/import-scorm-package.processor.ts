import { Injectable } from '@nestjs/common';
import { PackageImportService } from '@app/imports';
import { ImportScormPackagePayload, JobContext, JobHandler, JobName, JobResults } from '@app/queue';

@Injectable()
export class ImportScormPackageProcessor implements JobHandler<JobName.ImportScormPackage> {
  readonly jobName = JobName.ImportScormPackage;

  constructor(private readonly imports: PackageImportService) {}

  handle(payload: ImportScormPackagePayload, context: JobContext): Promise<JobResults[JobName.ImportScormPackage]> {
    return this.imports.run(payload, context);
  }
}
