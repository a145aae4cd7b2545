import { Controller, Get, Param, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, UserRole } from '@app/accounts';
import {
  LearnerFilterDto,
  LearnerPageDto,
  LearnerQueryDto,
  ReportQueryDto,
  ReportsService,
  ReportSummaryDto,
  SecretariatReportDto,
  TranscriptDto,
} from '@app/reports';
import { ApiErrors } from '../openapi';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Reports (docs/reports.md). Coordinators: their own countries in every figure, table, export and
 * transcript (another country asked for: 403; another country's officer: 404). Admins: all
 * countries, or the one asked for.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('coordinator', UserRole.Admin)
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('summary')
  @ApiOkResponse({ type: ReportSummaryDto })
  @ApiErrors(400, 401, 403)
  summary(@CurrentUser() caller: AuthenticatedUser, @Query() query: ReportQueryDto): Promise<ReportSummaryDto> {
    return this.reports.summary(caller, query);
  }

  @Get('learners')
  @ApiOkResponse({ type: LearnerPageDto })
  @ApiErrors(400, 401, 403)
  learners(@CurrentUser() caller: AuthenticatedUser, @Query() query: LearnerQueryDto): Promise<LearnerPageDto> {
    return this.reports.learners(caller, query);
  }

  @Get('learners.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Every row of GET /api/reports/learners for these filters, as CSV' })
  @ApiErrors(400, 401, 403)
  async learnersCsv(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: LearnerFilterDto,
  ): Promise<StreamableFile> {
    return new StreamableFile(await this.reports.learnersCsv(caller, query), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="learners.csv"',
    });
  }

  @Get('learners.xlsx')
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'Every row of GET /api/reports/learners for these filters, as XLSX' })
  @ApiErrors(400, 401, 403)
  async learnersXlsx(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: LearnerFilterDto,
  ): Promise<StreamableFile> {
    return new StreamableFile(await this.reports.learnersXlsx(caller, query), {
      type: XLSX_TYPE,
      disposition: 'attachment; filename="learners.xlsx"',
    });
  }

  @Get('learners/:userId')
  @ApiOkResponse({ type: TranscriptDto })
  @ApiErrors(400, 401, 403, 404)
  transcript(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<TranscriptDto> {
    return this.reports.transcript(caller, userId);
  }

  @Get('secretariat')
  @Roles(UserRole.Admin)
  @ApiOkResponse({ type: SecretariatReportDto })
  @ApiErrors(400, 401, 403)
  secretariat(@CurrentUser() caller: AuthenticatedUser, @Query() query: ReportQueryDto): Promise<SecretariatReportDto> {
    return this.reports.secretariat(caller, query);
  }
}
