import { Module } from '@nestjs/common';
import { QuestionRepository } from './repositories/question.repository';
import { AuditModule } from '@app/audit';
import { ReportRepository } from './repositories/report.repository';
import { QuestionAnalysisService } from './services/question-analysis.service';
import { ReportsService } from './services/reports.service';

/** Reads the other contexts' tables and owns none (docs/reports.md); QueueService comes from the global QueueModule. */
@Module({
  imports: [AuditModule],
  providers: [ReportRepository, ReportsService, QuestionRepository, QuestionAnalysisService],
  exports: [ReportsService, QuestionAnalysisService],
})
export class ReportsModule {}
