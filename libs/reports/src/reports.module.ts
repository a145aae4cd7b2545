import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { ReportRepository } from './repositories/report.repository';
import { ReportsService } from './services/reports.service';

/** Reads the other contexts' tables and owns none (docs/reports.md); QueueService comes from the global QueueModule. */
@Module({
  imports: [AuditModule],
  providers: [ReportRepository, ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
