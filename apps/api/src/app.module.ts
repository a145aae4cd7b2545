import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AccountsModule, JwtAuthGuard, RolesGuard } from '@app/accounts';
import { AuditModule } from '@app/audit';
import { PrivacyModule } from '@app/privacy';
import { CatalogueModule } from '@app/catalogue';
import { CertificatesModule } from '@app/certificates';
import { ScormModule } from '@app/scorm';
import { CurriculaModule } from '@app/curricula';
import { GroupsModule } from '@app/groups';
import { ImportsModule } from '@app/imports';
import { LearningModule } from '@app/learning';
import { LicencesModule } from '@app/licences';
import { StorageModule } from '@app/storage';
import { createValidationPipe } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { ENTITIES } from '@app/schema';
import { QueueModule } from '@app/queue';
import { RedisModule } from '@app/redis';
import { ReportsModule } from '@app/reports';
import { SystemModule } from '@app/system';
import { NotificationsModule } from '@app/notifications';
import { AdminController } from './accounts/admin.controller';
import { CountriesController } from './accounts/countries.controller';
import { RegistrationsController } from './accounts/registrations.controller';
import { RtcDirectoryController } from './accounts/rtc-directory.controller';
import { RtcsController } from './accounts/rtcs.controller';
import { AuthController } from './auth/auth.controller';
import { CoursesController } from './catalogue/courses.controller';
import { MeController } from './auth/me.controller';
import { MyNotificationsController } from './notifications/my-notifications.controller';
import { HealthController } from './health/health.controller';
import { ContactPointsController } from './curricula/contact-points.controller';
import { CurriculaController } from './curricula/curricula.controller';
import { SignedDownloadsController } from './downloads/signed-downloads.controller';
import { GroupFilesController } from './groups/group-files.controller';
import { GroupsController } from './groups/groups.controller';
import { ThreadsController } from './groups/threads.controller';
import { WorkshopsController } from './groups/workshops.controller';
import { ImportsController } from './imports/imports.controller';
import { LicencesController } from './licences/licences.controller';
import { TranslationsController } from './imports/translations.controller';
import { AttemptsController } from './learning/attempts.controller';
import { EnrolmentsController } from './learning/enrolments.controller';
import { MyLearningController } from './learning/my-learning.controller';
import { CertificatesController } from './certificates/certificates.controller';
import { VerifyController } from './certificates/verify.controller';
import { HttpExceptionFilter } from './errors/http-exception.filter';
import { loggerParams } from './logger';
import { SystemJobsController } from './system/system-jobs.controller';
import { ReportsController } from './reports/reports.controller';
import { QuestionAnalysisController } from './reports/question-analysis.controller';
import { AuditContextInterceptor } from './audit/audit-context.interceptor';
import { AuditController } from './audit/audit.controller';
import { PersonalDataController } from './privacy/personal-data.controller';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: loggerParams }),
    DatabaseModule.forRoot(ENTITIES),
    RedisModule,
    QueueModule,
    AccountsModule,
    SystemModule,
    CatalogueModule,
    StorageModule,
    ImportsModule,
    LicencesModule,
    ScormModule,
    GroupsModule,
    CurriculaModule,
    LearningModule,
    ReportsModule,
    CertificatesModule,
    NotificationsModule,
    AuditModule,
    PrivacyModule,
  ],
  controllers: [
    HealthController,
    AuthController,
    MeController,
    MyNotificationsController,
    RegistrationsController,
    CountriesController,
    AdminController,
    RtcsController,
    RtcDirectoryController,
    CoursesController,
    ImportsController,
    LicencesController,
    TranslationsController,
    SystemJobsController,
    GroupsController,
    ThreadsController,
    GroupFilesController,
    WorkshopsController,
    CurriculaController,
    SignedDownloadsController,
    ContactPointsController,
    ReportsController,
    QuestionAnalysisController,
    CertificatesController,
    VerifyController,
    EnrolmentsController,
    AttemptsController,
    MyLearningController,
    AuditController,
    PersonalDataController,
  ],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
    // Order matters: authenticate, then check roles.
    { provide: APP_GUARD, useExisting: JwtAuthGuard },
    { provide: APP_GUARD, useExisting: RolesGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditContextInterceptor },
  ],
})
export class AppModule {}
