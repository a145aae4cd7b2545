import { AuditModule } from '@app/audit';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@app/accounts';
import { CatalogueModule } from '@app/catalogue';
import { Certificate } from './entities/certificate.entity';
import { CertificateRepository } from './repositories/certificate.repository';
import { CertificateService } from './services/certificate.service';
import { CertificateKeysService } from './statement/certificate-keys.service';

/** Certificates of course completion and their public verification (docs/certificates.md). */
@Module({
  imports: [TypeOrmModule.forFeature([Certificate]), AccountsModule, CatalogueModule, AuditModule],
  providers: [CertificateRepository, CertificateKeysService, CertificateService],
  exports: [CertificateService],
})
export class CertificatesModule {}
