import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  AccountsService,
  AppointCoordinatorDto,
  AppointmentView,
  AuthenticatedUser,
  CoordinatorService,
  CountryQueryDto,
  CurrentUser,
  ProfileService,
  Roles,
  UserRole,
  UserSearchQueryDto,
  UserSummaryView,
} from '@app/accounts';
import { ApiErrors } from '../openapi';

/** The Secretariat's administration of national coordinators and accounts. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(UserRole.Admin)
@Controller('admin')
export class AdminController {
  constructor(
    private readonly coordinators: CoordinatorService,
    private readonly profiles: ProfileService,
    private readonly accounts: AccountsService,
  ) {}

  @Post('coordinators')
  @ApiCreatedResponse({ type: AppointmentView })
  @ApiErrors(400, 401, 403, 404, 409)
  async appoint(
    @CurrentUser() admin: AuthenticatedUser,
    @Body() body: AppointCoordinatorDto,
  ): Promise<AppointmentView> {
    return AppointmentView.of(await this.coordinators.appoint(admin, body.userId, body.country));
  }

  @Get('coordinators')
  @ApiOkResponse({ type: [AppointmentView], description: 'Active and ended appointments, newest first' })
  @ApiErrors(400, 401, 403)
  async list(@Query() query: CountryQueryDto): Promise<AppointmentView[]> {
    return (await this.coordinators.history(query.country)).map((row) => AppointmentView.of(row));
  }

  @Post('coordinators/:id/end')
  @HttpCode(200)
  @ApiOkResponse({ type: AppointmentView })
  @ApiErrors(401, 403, 404, 409)
  async end(@CurrentUser() admin: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<AppointmentView> {
    return AppointmentView.of(await this.coordinators.end(admin, id));
  }

  @Post('users/:id/suspend')
  @HttpCode(200)
  @ApiOkResponse({ type: UserSummaryView, description: 'Suspended; the account is signed out everywhere' })
  @ApiErrors(401, 403, 404, 409)
  async suspend(@Param('id', ParseUUIDPipe) id: string): Promise<UserSummaryView> {
    return UserSummaryView.of(await this.accounts.suspend(id));
  }

  @Post('users/:id/reinstate')
  @HttpCode(200)
  @ApiOkResponse({ type: UserSummaryView })
  @ApiErrors(401, 403, 404, 409)
  async reinstate(@Param('id', ParseUUIDPipe) id: string): Promise<UserSummaryView> {
    return UserSummaryView.of(await this.accounts.reinstate(id));
  }

  @Get('users')
  @ApiOkResponse({ type: [UserSummaryView] })
  @ApiErrors(400, 401, 403)
  async users(@Query() query: UserSearchQueryDto): Promise<UserSummaryView[]> {
    return (await this.profiles.search(query.q)).map((user) => UserSummaryView.of(user));
  }
}
