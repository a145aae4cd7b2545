import { Injectable } from '@nestjs/common';
import { InteractionExtractionService } from '@app/learning';
import { ExtractInteractionsPayload, JobHandler, JobName, JobResults } from '@app/queue';

@Injectable()
export class ExtractInteractionsProcessor implements JobHandler<JobName.ExtractInteractions> {
  readonly jobName = JobName.ExtractInteractions;

  constructor(private readonly extraction: InteractionExtractionService) {}

  async handle(payload: ExtractInteractionsPayload): Promise<JobResults[JobName.ExtractInteractions]> {
    return { attemptId: payload.attemptId, interactions: await this.extraction.extract(payload.attemptId) };
  }
}
