import { Injectable } from '@nestjs/common';
import { OfficerImportService } from '@app/imports';
import { ImportOfficersPayload, JobContext, JobHandler, JobName, JobResults } from '@app/queue';

@Injectable()
export class ImportOfficersProcessor implements JobHandler<JobName.ImportOfficers> {
  readonly jobName = JobName.ImportOfficers;

  constructor(private readonly officers: OfficerImportService) {}

  handle(payload: ImportOfficersPayload, context: JobContext): Promise<JobResults[JobName.ImportOfficers]> {
    return this.officers.run(payload, context);
  }
}
