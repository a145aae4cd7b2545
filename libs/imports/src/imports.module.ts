import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@app/accounts';
import { AuditModule } from '@app/audit';
import { CatalogueModule } from '@app/catalogue';
import { LicencesModule } from '@app/licences';
import { NotificationsModule } from '@app/notifications';
import { IMPORTS_ENTITIES } from './entities';
import { ImportJobRepository } from './repositories/import-job.repository';
import { PackageInspector } from './sandbox/package-inspector';
import { ImportNotifier } from './services/import-notifier.service';
import { ImportsService } from './services/imports.service';
import { LicenceImportService } from './services/licence-import.service';
import { OfficerImportService } from './services/officer-import.service';
import { PackageImportService } from './services/package-import.service';
import { TranslationImportService } from './services/translation-import.service';

/** Import jobs (packages, licence bundles, translations): the upload, the queued job, its history. */
@Module({
  imports: [
    TypeOrmModule.forFeature(IMPORTS_ENTITIES),
    CatalogueModule,
    LicencesModule,
    AccountsModule,
    NotificationsModule,
    AuditModule,
  ],
  providers: [
    ImportJobRepository,
    PackageInspector,
    ImportsService,
    PackageImportService,
    LicenceImportService,
    TranslationImportService,
    OfficerImportService,
    ImportNotifier,
  ],
  exports: [ImportsService, PackageImportService, LicenceImportService, TranslationImportService, OfficerImportService],
})
export class ImportsModule {}
