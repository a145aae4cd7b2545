import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  AppointRtcStaffDto,
  AuthenticatedUser,
  CreateRtcDto,
  CurrentUser,
  Roles,
  RtcService,
  RtcStaffView,
  RtcView,
  UpdateRtcDto,
  UserRole,
} from '@app/accounts';
import { ApiErrors } from '../openapi';

/** RTCs as the Secretariat records them, and the appointments of their staff (docs/people.md). */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(UserRole.Admin)
@Controller('admin/rtcs')
export class RtcsController {
  constructor(private readonly rtcs: RtcService) {}

  @Post()
  @ApiCreatedResponse({ type: RtcView })
  @ApiErrors(400, 401, 403, 409)
  async create(@Body() body: CreateRtcDto): Promise<RtcView> {
    return RtcView.of(await this.rtcs.create(body));
  }

  @Get()
  @ApiOkResponse({ type: [RtcView] })
  @ApiErrors(401, 403)
  async list(): Promise<RtcView[]> {
    return (await this.rtcs.list()).map((rtc) => RtcView.of(rtc));
  }

  @Patch(':id')
  @ApiOkResponse({ type: RtcView })
  @ApiErrors(400, 401, 403, 404, 409)
  async update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateRtcDto): Promise<RtcView> {
    return RtcView.of(await this.rtcs.update(id, body));
  }

  @Get(':id/staff')
  @ApiOkResponse({ type: [RtcStaffView], description: 'Active and ended appointments, newest first' })
  @ApiErrors(401, 403, 404)
  async staff(@Param('id', ParseUUIDPipe) id: string): Promise<RtcStaffView[]> {
    return (await this.rtcs.staffHistory(id)).map((row) => RtcStaffView.of(row));
  }

  @Post(':id/staff')
  @ApiCreatedResponse({ type: RtcStaffView, description: 'Appointed: the person holds the rtc_staff role' })
  @ApiErrors(400, 401, 403, 404, 409)
  async appoint(
    @CurrentUser() admin: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AppointRtcStaffDto,
  ): Promise<RtcStaffView> {
    return RtcStaffView.of(await this.rtcs.appoint(admin, id, body.userId));
  }

  @Post(':id/staff/:appointmentId/end')
  @HttpCode(200)
  @ApiOkResponse({ type: RtcStaffView, description: 'Ended; the last one ended takes the rtc_staff role back' })
  @ApiErrors(401, 403, 404, 409)
  async end(
    @CurrentUser() admin: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('appointmentId', ParseUUIDPipe) appointmentId: string,
  ): Promise<RtcStaffView> {
    return RtcStaffView.of(await this.rtcs.end(admin, id, appointmentId));
  }
}
