import { Injectable } from '@nestjs/common';
import { AuthenticatedUser, UserRole } from '@app/accounts';
import { DomainException } from '@app/common';
import type { QuestionAnalysisDto, QuestionQueryDto } from '../dto/question-views.dto';
import { QuestionRepository } from '../repositories/question.repository';
import { ReportsService } from './reports.service';

/**
 * Question analysis of a course (docs/reports.md): a coordinator sees their own countries' attempts
 * only (the scope is in the query); an admin sees every country, with a breakdown per country.
 */
@Injectable()
export class QuestionAnalysisService {
  constructor(
    private readonly reports: ReportsService,
    private readonly questions: QuestionRepository,
  ) {}

  async analyse(caller: AuthenticatedUser, courseId: string, query: QuestionQueryDto): Promise<QuestionAnalysisDto> {
    const scope = this.reports.scopeFor(caller, query.country);
    if (!(await this.questions.courseExists(courseId))) {
      throw DomainException.notFound('Course');
    }
    const admin = caller.roles.includes(UserRole.Admin);
    const [questions, byCountry] = await Promise.all([
      this.questions.figures(scope, courseId, false),
      admin ? this.questions.figures(scope, courseId, true) : Promise.resolve(null),
    ]);
    return {
      courseId,
      questions: questions.map(({ country: _country, ...figures }) => figures),
      byCountry: byCountry ? byCountry.map((row) => ({ ...row, country: String(row.country) })) : null,
    };
  }
}
