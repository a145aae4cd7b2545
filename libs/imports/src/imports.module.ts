import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueModule } from '@app/catalogue';
import { ImportJob } from './entities/import-job.entity';
import { ImportJobRepository } from './repositories/import-job.repository';
import { PackageInspector } from './sandbox/package-inspector';
import { ImportsService } from './services/imports.service';
import { PackageImportService } from './services/package-import.service';

@Module({
  imports: [TypeOrmModule.forFeature([ImportJob]), CatalogueModule],
  providers: [ImportJobRepository, PackageInspector, ImportsService, PackageImportService],
  exports: [ImportsService, PackageImportService],
})
export class ImportsModule {}
