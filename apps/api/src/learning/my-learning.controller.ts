import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@app/accounts';
import { AttemptHistoryView, CourseProgressView, MyLearningQueryDto, ProgressService } from '@app/learning';
import { ApiErrors } from '../openapi';

/** "My learning": the caller's own progress only. */
@ApiTags('learning')
@ApiBearerAuth()
@Controller('me/learning')
export class MyLearningController {
  constructor(private readonly progress: ProgressService) {}

  @Get()
  @ApiOkResponse({
    type: [CourseProgressView],
    description: 'Each enrolled course with its rollup and per-item progress',
  })
  @ApiErrors(400, 401)
  myLearning(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: MyLearningQueryDto,
  ): Promise<CourseProgressView[]> {
    return this.progress.myLearning(user.id, query.lang);
  }

  @Get(':courseId/attempts')
  @ApiOkResponse({ type: [AttemptHistoryView], description: 'The caller’s attempts in the course, newest first' })
  @ApiErrors(400, 401)
  attempts(
    @CurrentUser() user: AuthenticatedUser,
    @Param('courseId', ParseUUIDPipe) courseId: string,
  ): Promise<AttemptHistoryView[]> {
    return this.progress.history(user.id, courseId);
  }
}
