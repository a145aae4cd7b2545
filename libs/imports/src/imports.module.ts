import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueModule } from '@app/catalogue';
import { ImportJob } from './entities/import-job.entity';
import { LicenceImportService } from './licences/licence-import.service';
import { LicenceChange } from './licences/licence-change.entity';
import { Licence, ReceivedLicence } from './licences/licence.entity';
import { LicenceService } from './licences/licence.service';
import { ImportJobRepository } from './repositories/import-job.repository';
import { PackageInspector } from './sandbox/package-inspector';
import { ImportsService } from './services/imports.service';
import { TranslationImportService } from './translations/translation-import.service';
import { PackageImportService } from './services/package-import.service';

@Module({
  imports: [TypeOrmModule.forFeature([ImportJob, Licence, LicenceChange, ReceivedLicence]), CatalogueModule],
  providers: [
    ImportJobRepository,
    PackageInspector,
    ImportsService,
    PackageImportService,
    LicenceService,
    LicenceImportService,
    TranslationImportService,
  ],
  exports: [ImportsService, PackageImportService, LicenceService, LicenceImportService, TranslationImportService],
})
export class ImportsModule {}
