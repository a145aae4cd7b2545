import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { CatalogueModule } from '@app/catalogue';
import { LICENCES_ENTITIES } from './entities';
import { LicenceRepository } from './repositories/licence.repository';
import { LicenceExpiryService } from './services/licence-expiry.service';
import { ReceivedLicenceRepository } from './repositories/received-licence.repository';
import { LicenceService } from './services/licence.service';

/**
 * Licences: granted on the hub (terms, revisions, signed bundles) and received on a national
 * server. Importing a bundle is an import job (libs/imports) that uses this library's format,
 * keys and received-licence repository.
 */
@Module({
  imports: [TypeOrmModule.forFeature(LICENCES_ENTITIES), CatalogueModule, AuditModule],
  providers: [LicenceRepository, ReceivedLicenceRepository, LicenceService, LicenceExpiryService],
  exports: [LicenceService, ReceivedLicenceRepository, LicenceExpiryService],
})
export class LicencesModule {}
