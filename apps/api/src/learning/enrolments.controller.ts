import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@app/accounts';
import { EnrolmentService, EnrolmentView, LaunchDto, LaunchService, LaunchView } from '@app/learning';
import { ApiErrors } from '../openapi';

/** Self-enrolment and launch of a published course (access token). */
@ApiTags('learning')
@ApiBearerAuth()
@Controller('courses/:courseId')
export class EnrolmentsController {
  constructor(
    private readonly enrolments: EnrolmentService,
    private readonly launches: LaunchService,
  ) {}

  @Post('enrolments')
  @ApiCreatedResponse({ type: EnrolmentView, description: 'Again → the same enrolment' })
  @ApiErrors(400, 401, 404)
  enrol(
    @CurrentUser() user: AuthenticatedUser,
    @Param('courseId', ParseUUIDPipe) courseId: string,
  ): Promise<EnrolmentView> {
    return this.enrolments.enrol(user.id, courseId);
  }

  @Post('launch')
  @HttpCode(200)
  @ApiOkResponse({ type: LaunchView, description: 'Both URLs carry the launch token' })
  @ApiErrors(400, 401, 404, 409)
  launch(
    @CurrentUser() user: AuthenticatedUser,
    @Param('courseId', ParseUUIDPipe) courseId: string,
    @Body() body: LaunchDto,
  ): Promise<LaunchView> {
    return this.launches.launch(user.id, user.sessionId, courseId, body);
  }
}
