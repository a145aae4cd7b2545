import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  AccountsService,
  AppointCoordinatorDto,
  AppointmentView,
  AuthenticatedUser,
  CoordinatorService,
  CountryQueryDto,
  CurrentUser,
  PersonView,
  Roles,
  UserAdministrationService,
  UserDirectoryPage,
  UserDirectoryQueryDto,
  DirectoryEntryView,
  UserRole,
  UserSummaryView,
} from '@app/accounts';
import { GroupsService } from '@app/groups';
import { ApiErrors } from '../openapi';

/** The Secretariat's administration of national coordinators and accounts. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(UserRole.Admin)
@Controller('admin')
export class AdminController {
  constructor(
    private readonly coordinators: CoordinatorService,
    private readonly accounts: AccountsService,
    private readonly people: UserAdministrationService,
    private readonly groups: GroupsService,
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
  @Roles(UserRole.Admin, 'coordinator')
  @ApiOkResponse({
    type: UserDirectoryPage,
    description: 'The user directory; a coordinator sees the officers of their own countries',
  })
  @ApiErrors(400, 401, 403)
  async users(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: UserDirectoryQueryDto,
  ): Promise<UserDirectoryPage> {
    const { items, total } = await this.people.directory(caller, query);
    return { items: items.map((entry) => DirectoryEntryView.of(entry)), total };
  }

  @Get('users/:id')
  @Roles(UserRole.Admin, 'coordinator')
  @ApiOkResponse({ type: PersonView, description: "A person's page; 404 outside a coordinator's countries" })
  @ApiErrors(401, 403, 404)
  async person(@CurrentUser() caller: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<PersonView> {
    const person = await this.people.person(caller, id);
    return PersonView.ofPerson(person, await this.groups.membershipsOf(person.user.id));
  }

  @Post('users/:id/end-sessions')
  @HttpCode(200)
  @ApiOkResponse({ type: UserSummaryView, description: 'Every session of the account ended' })
  @ApiErrors(401, 403, 404)
  async endSessions(@Param('id', ParseUUIDPipe) id: string): Promise<UserSummaryView> {
    return UserSummaryView.of(await this.people.endSessions(id));
  }

  @Post('users/:id/resend-verification')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'A fresh confirmation link was mailed' })
  @ApiErrors(401, 403, 404, 409)
  async resendVerification(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.people.resendVerification(id);
  }

  @Post('users/:id/left-service')
  @HttpCode(200)
  @Roles(UserRole.Admin, 'coordinator')
  @ApiOkResponse({
    type: UserSummaryView,
    description: 'The officer left the service: suspended, records kept. Coordinators: own countries only (else 404)',
  })
  @ApiErrors(400, 401, 403, 404, 409)
  async leftService(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<UserSummaryView> {
    return UserSummaryView.of(await this.people.markLeftService(caller, id));
  }
}
