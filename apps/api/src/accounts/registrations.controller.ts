import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  AuthenticatedUser,
  BulkDecisionDto,
  BulkResultView,
  CurrentUser,
  DecidedView,
  DecisionPage,
  DecisionQueryDto,
  DecisionView,
  RegistrationPage,
  RegistrationQueryDto,
  RegistrationReviewService,
  RegistrationView,
  RejectDto,
  Roles,
  UserRole,
} from '@app/accounts';
import { ApiErrors, ApiFileResponse } from '../openapi';

/** Coordinators: their own countries' registrations only (another country's answers 404); admins: all. */
@ApiTags('registrations')
@ApiBearerAuth()
@Roles('coordinator', UserRole.Admin)
@Controller('registrations')
export class RegistrationsController {
  constructor(private readonly review: RegistrationReviewService) {}

  @Get()
  @ApiOkResponse({ type: RegistrationPage })
  @ApiErrors(400, 401, 403)
  async list(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: RegistrationQueryDto,
  ): Promise<RegistrationPage> {
    const { items, total } = await this.review.list(caller, query);
    return { items: items.map((user) => RegistrationView.of(user)), total };
  }

  @Get('decisions')
  @ApiOkResponse({ type: DecisionPage })
  @ApiErrors(400, 401, 403)
  async decisions(@CurrentUser() caller: AuthenticatedUser, @Query() query: DecisionQueryDto): Promise<DecisionPage> {
    const { items, total } = await this.review.decisionHistory(caller, query);
    return { items: items.map((row) => DecisionView.of(row)), total };
  }

  @Get('decisions/export.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="registration-decisions.csv"')
  @Header('Cache-Control', 'no-store')
  @ApiFileResponse('text/csv', 'The decisions as CSV')
  @ApiErrors(400, 401, 403)
  export(@CurrentUser() caller: AuthenticatedUser, @Query() query: DecisionQueryDto): Promise<string> {
    return this.review.decisionsCsv(caller, query.country);
  }

  @Post('bulk')
  @HttpCode(200)
  @ApiOkResponse({ type: BulkResultView })
  @ApiErrors(400, 401, 403)
  async bulk(@CurrentUser() caller: AuthenticatedUser, @Body() body: BulkDecisionDto): Promise<BulkResultView> {
    return { results: await this.review.bulk(caller, body.action, body.userIds, body.reason) };
  }

  @Post(':userId/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: DecidedView })
  @ApiErrors(401, 403, 404, 409)
  async approve(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<DecidedView> {
    const user = await this.review.approve(caller, userId);
    return { id: user.id, status: user.status };
  }

  @Post(':userId/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: DecidedView })
  @ApiErrors(400, 401, 403, 404, 409)
  async reject(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body() body: RejectDto,
  ): Promise<DecidedView> {
    const user = await this.review.reject(caller, userId, body.reason);
    return { id: user.id, status: user.status };
  }
}
