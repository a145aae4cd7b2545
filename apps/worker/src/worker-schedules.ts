import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { JOB_QUEUE, JobName, QueueService } from '@app/queue';

/**
 * Repeatable jobs, declared by the worker at start-up. `upsertJobScheduler` is idempotent: any
 * number of workers declaring the same scheduler id leave one schedule.
 */
@Injectable()
export class WorkerSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(WorkerSchedules.name);

  constructor(
    private readonly queues: QueueService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const every = this.config.registrationCheckEveryMinutes * 60_000;
    await this.queues
      .queue(JOB_QUEUE[JobName.RemindPendingRegistrations])
      .upsertJobScheduler(
        JobName.RemindPendingRegistrations,
        { every },
        { name: JobName.RemindPendingRegistrations, data: {} },
      );
    this.logger.log(`Pending registrations are checked every ${this.config.registrationCheckEveryMinutes} min`);
    // Imports Redis lost (a restart without persistence) are queued again from their MySQL rows.
    await this.queues
      .queue(JOB_QUEUE[JobName.RequeueLostImports])
      .upsertJobScheduler(
        JobName.RequeueLostImports,
        { every: 60_000 },
        { name: JobName.RequeueLostImports, data: {} },
      );
    // Group digests: once a day at 06:00 UTC, covering the 24 hours before.
    await this.queues
      .queue(JOB_QUEUE[JobName.SendGroupDigests])
      .upsertJobScheduler(
        JobName.SendGroupDigests,
        { pattern: '0 6 * * *', tz: 'UTC' },
        { name: JobName.SendGroupDigests, data: {} },
      );
    // Sign-ins older than SIGN_IN_RETENTION_DAYS: removed once a day at 03:00 UTC.
    await this.queues
      .queue(JOB_QUEUE[JobName.PurgeSignIns])
      .upsertJobScheduler(
        JobName.PurgeSignIns,
        { pattern: '0 3 * * *', tz: 'UTC' },
        { name: JobName.PurgeSignIns, data: {} },
      );
  }
}
