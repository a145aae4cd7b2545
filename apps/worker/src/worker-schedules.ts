import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { JOB_QUEUE, JobName, QueueService } from '@app/queue';

/**
 * Repeatable jobs, declared by the worker at start-up and again whenever its queue connection comes
 * back: a Redis restarted without persistence has forgotten them (docs/operations.md, "Redis
 * restarts"). `upsertJobScheduler` is idempotent: any number of workers declaring the same
 * scheduler id, any number of times, leave one schedule.
 */
@Injectable()
export class WorkerSchedules implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerSchedules.name);
  private unsubscribe?: () => void;
  private declaring?: Promise<void>;
  private again = false;

  constructor(
    private readonly queues: QueueService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.unsubscribe = this.queues.onConnectionReady(() => void this.declareSoon());
    await this.declareSoon();
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
  }

  /** Declares the schedules; one declaration at a time, and one more if asked meanwhile. Never throws. */
  private declareSoon(): Promise<void> {
    if (this.declaring) {
      this.again = true;
      return this.declaring;
    }
    this.declaring = (async () => {
      do {
        this.again = false;
        try {
          await this.declare();
        } catch (error) {
          // Redis is away: the next 'ready' of the connection declares them.
          this.logger.warn(`Job schedules not declared yet: ${(error as Error).message}`);
        }
      } while (this.again);
      this.declaring = undefined;
    })();
    return this.declaring;
  }

  private async declare(): Promise<void> {
    const every = this.config.registrationCheckEveryMinutes * 60_000;
    await this.queues
      .queue(JOB_QUEUE[JobName.RemindPendingRegistrations])
      .upsertJobScheduler(
        JobName.RemindPendingRegistrations,
        { every },
        { name: JobName.RemindPendingRegistrations, data: {} },
      );
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
    // Notification digests (docs/notifications.md): once a day at 07:00 UTC.
    await this.queues
      .queue(JOB_QUEUE[JobName.SendNotificationDigests])
      .upsertJobScheduler(
        JobName.SendNotificationDigests,
        { pattern: '0 7 * * *', tz: 'UTC' },
        { name: JobName.SendNotificationDigests, data: {} },
      );
    // Licences ending within 30 days: looked for once a day at 05:00 UTC (each told once).
    await this.queues
      .queue(JOB_QUEUE[JobName.ScanExpiringLicences])
      .upsertJobScheduler(
        JobName.ScanExpiringLicences,
        { pattern: '0 5 * * *', tz: 'UTC' },
        { name: JobName.ScanExpiringLicences, data: {} },
      );
    // Sign-ins older than SIGN_IN_RETENTION_DAYS: removed once a day at 03:00 UTC.
    await this.queues
      .queue(JOB_QUEUE[JobName.PurgeSignIns])
      .upsertJobScheduler(
        JobName.PurgeSignIns,
        { pattern: '0 3 * * *', tz: 'UTC' },
        { name: JobName.PurgeSignIns, data: {} },
      );
    this.logger.log(
      `Job schedules declared (pending registrations every ${this.config.registrationCheckEveryMinutes} min, lost-import sweep every minute, group digests daily)`,
    );
  }
}
