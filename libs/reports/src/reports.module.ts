import { Module } from '@nestjs/common';
import { ReportRepository } from './repositories/report.repository';
import { ReportsService } from './services/reports.service';

/** Reads the other contexts' tables and owns none (docs/reports.md); QueueService comes from the global QueueModule. */
@Module({
  providers: [ReportRepository, ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
