import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { CatalogueModule } from '@app/catalogue';
import { LicencesModule } from '@app/licences';
import { IMPORTS_ENTITIES } from './entities';
import { ImportJobRepository } from './repositories/import-job.repository';
import { PackageInspector } from './sandbox/package-inspector';
import { ImportsService } from './services/imports.service';
import { LicenceImportService } from './services/licence-import.service';
import { PackageImportService } from './services/package-import.service';
import { TranslationImportService } from './services/translation-import.service';

/** Import jobs (packages, licence bundles, translations): the upload, the queued job, its history. */
@Module({
  imports: [TypeOrmModule.forFeature(IMPORTS_ENTITIES), CatalogueModule, LicencesModule, AuditModule],
  providers: [
    ImportJobRepository,
    PackageInspector,
    ImportsService,
    PackageImportService,
    LicenceImportService,
    TranslationImportService,
  ],
  exports: [ImportsService, PackageImportService, LicenceImportService, TranslationImportService],
})
export class ImportsModule {}
