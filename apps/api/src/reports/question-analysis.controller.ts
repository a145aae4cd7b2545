import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, UserRole } from '@app/accounts';
import { QuestionAnalysisDto, QuestionAnalysisService, QuestionQueryDto } from '@app/reports';
import { ApiErrors } from '../openapi';

/**
 * Question analysis of a course (docs/reports.md): per interaction id the SCOs reported. A
 * coordinator: their own countries' attempts only (another country asked for: 403); an admin: all,
 * with a breakdown per country, or the one asked for.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('coordinator', UserRole.Admin)
@Controller('reports/courses')
export class QuestionAnalysisController {
  constructor(private readonly questions: QuestionAnalysisService) {}

  @Get(':courseId/questions')
  @ApiOkResponse({ type: QuestionAnalysisDto })
  @ApiErrors(400, 401, 403, 404)
  questionsOf(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('courseId', ParseUUIDPipe) courseId: string,
    @Query() query: QuestionQueryDto,
  ): Promise<QuestionAnalysisDto> {
    return this.questions.analyse(caller, courseId, query);
  }
}
