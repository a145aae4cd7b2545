import { AuditModule } from '@app/audit';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@app/accounts';
import { CatalogueModule } from '@app/catalogue';
import { LicencesModule } from '@app/licences';
import { Certificate } from './entities/certificate.entity';
import { CertificateRepository } from './repositories/certificate.repository';
import { CertificateService } from './services/certificate.service';
import { TranscriptService } from './services/transcript.service';
import { CertificateKeysService } from './statement/certificate-keys.service';
import { NotificationsModule } from '@app/notifications';

/** Certificates of course completion and their public verification (docs/certificates.md). */
@Module({
  imports: [
    TypeOrmModule.forFeature([Certificate]),
    AccountsModule,
    CatalogueModule,
    LicencesModule,
    NotificationsModule,
    AuditModule,
  ],
  providers: [CertificateRepository, CertificateKeysService, CertificateService, TranscriptService],
  exports: [CertificateService, TranscriptService, CertificateKeysService],
})
export class CertificatesModule {}
