import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@app/accounts';
import { AttemptHistoryEntry, CourseProgress, ProgressService } from '@app/learning';
import { ApiErrors } from '../openapi';

/** "My learning": the caller's own progress only. */
@ApiTags('learning')
@ApiBearerAuth()
@Controller('me/learning')
export class MyLearningController {
  constructor(private readonly progress: ProgressService) {}

  @Get()
  @ApiOkResponse({ description: 'Each enrolled course with its rollup and per-item progress' })
  @ApiErrors(401)
  myLearning(@CurrentUser() user: AuthenticatedUser): Promise<CourseProgress[]> {
    return this.progress.myLearning(user.id);
  }

  @Get(':courseId/attempts')
  @ApiOkResponse({ description: 'The caller’s attempts in the course, newest first' })
  @ApiErrors(400, 401)
  attempts(
    @CurrentUser() user: AuthenticatedUser,
    @Param('courseId', ParseUUIDPipe) courseId: string,
  ): Promise<AttemptHistoryEntry[]> {
    return this.progress.history(user.id, courseId);
  }
}
