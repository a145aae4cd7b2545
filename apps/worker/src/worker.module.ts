import { Module } from '@nestjs/common';
import { CertificatesModule } from '@app/certificates';
import { AccountsModule } from '@app/accounts';
import { GroupsModule } from '@app/groups';
import { ImportsModule } from '@app/imports';
import { LicencesModule } from '@app/licences';
import { StorageModule } from '@app/storage';
import { LoggerModule } from 'nestjs-pino';
import { redactDeep } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { ENTITIES } from '@app/schema';
import { NotificationsModule } from '@app/notifications';
import { InteractionExtractionService } from '@app/learning';
import { JOB_HANDLERS, JobHandler, JobWorkerHost, QueueModule } from '@app/queue';
import { RedisModule } from '@app/redis';
import { SystemModule } from '@app/system';
import { ImportOfficersProcessor } from './processors/import-officers.processor';
import { ScanExpiringLicencesProcessor } from './processors/scan-expiring-licences.processor';
import { SendNotificationDigestsProcessor } from './processors/send-notification-digests.processor';
import { ImportLicenceBundleProcessor } from './processors/import-licence-bundle.processor';
import { ImportScormPackageProcessor } from './processors/import-scorm-package.processor';
import { ImportXliffTranslationProcessor } from './processors/import-xliff-translation.processor';
import { PurgeSignInsProcessor } from './processors/purge-sign-ins.processor';
import { ExtractInteractionsProcessor } from './processors/extract-interactions.processor';
import { RemindPendingRegistrationsProcessor } from './processors/remind-pending-registrations.processor';
import { RequeueLostImportsProcessor } from './processors/requeue-lost-imports.processor';
import { GenerateCertificatePdfProcessor } from './processors/generate-certificate-pdf.processor';
import { SendEmailProcessor } from './processors/send-email.processor';
import { SendGroupDigestsProcessor } from './processors/send-group-digests.processor';
import { SystemEchoProcessor } from './processors/system-echo.processor';
import { WorkerSchedules } from './worker-schedules';

/** Every processor the worker runs; the worker refuses to start while a job name has none. */
const PROCESSORS = [
  SystemEchoProcessor,
  SendEmailProcessor,
  RemindPendingRegistrationsProcessor,
  ImportScormPackageProcessor,
  SendGroupDigestsProcessor,
  ImportLicenceBundleProcessor,
  ImportXliffTranslationProcessor,
  RequeueLostImportsProcessor,
  PurgeSignInsProcessor,
  GenerateCertificatePdfProcessor,
  ExtractInteractionsProcessor,
  ImportOfficersProcessor,
  SendNotificationDigestsProcessor,
  ScanExpiringLicencesProcessor,
];

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      // Errors never carry a token into the log (docs/operations.md, "Logs").
      useFactory: (config: AppConfig) => ({
        pinoHttp: { level: config.logLevel, serializers: { err: (err: unknown) => redactDeep(err) } },
      }),
    }),
    DatabaseModule.forRoot(ENTITIES),
    RedisModule,
    QueueModule,
    SystemModule,
    NotificationsModule,
    AccountsModule,
    StorageModule,
    ImportsModule,
    GroupsModule,
    CertificatesModule,
    LicencesModule,
  ],
  providers: [
    ...PROCESSORS,
    // Needs only the database and the queue: the worker does not load the whole learning module.
    InteractionExtractionService,
    {
      provide: JOB_HANDLERS,
      inject: PROCESSORS,
      useFactory: (...handlers: JobHandler[]) => handlers,
    },
    JobWorkerHost,
    WorkerSchedules,
  ],
})
export class WorkerModule {}
