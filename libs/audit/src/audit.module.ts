import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { AuditChainHead } from './entities/audit-chain-head.entity';
import { AuditEntry } from './entities/audit-entry.entity';

@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry, AuditChainHead])],
  providers: [AuditRepository, AuditService],
  exports: [AuditService],
})
export class AuditModule {}
