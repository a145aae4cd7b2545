import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AccountsService } from '@app/accounts';
import { NotificationCenter, NotificationKind } from '@app/notifications';
import { ImportJobState } from '../entities/import-job.entity';
import { ImportJobRepository } from '../repositories/import-job.repository';

/** Tells whoever started an import that it finished or failed (docs/notifications.md). */
@Injectable()
export class ImportNotifier implements OnModuleInit {
  private readonly logger = new Logger(ImportNotifier.name);

  constructor(
    private readonly jobs: ImportJobRepository,
    private readonly accounts: AccountsService,
    private readonly center: NotificationCenter,
  ) {}

  onModuleInit(): void {
    this.jobs.onFinished((id) => this.tell(id));
  }

  private async tell(id: string): Promise<void> {
    try {
      const job = await this.jobs.findVisible(id, null);
      const [requester] = job ? await this.accounts.usersByIds([job.requestedBy]) : [];
      if (!job || !requester) {
        return;
      }
      await this.center.notify(
        {
          id: requester.id,
          email: requester.email,
          displayName: requester.displayName,
          language: requester.preferredLanguage,
        },
        NotificationKind.ImportEnded,
        {
          jobId: job.id,
          fileName: job.fileName,
          kind: job.kind,
          state: job.state === ImportJobState.Failed ? 'failed' : 'completed',
        },
        { dedupeKey: `import:${job.id}` },
      );
    } catch (error) {
      this.logger.warn({ jobId: id }, `Import notification not sent: ${(error as Error).message}`);
    }
  }
}
