import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthenticatedUser, CurrentUser } from '@app/accounts';
import { CreateWorkshopDto, MaterialDto, UpdateWorkshopDto, WorkshopsService, WorkshopView } from '@app/groups';
import { ApiErrors, ApiFileResponse } from '../openapi';
import { groupCaller } from './group-caller';

/** Workshops of a group: moderators schedule them; members see them and add them to their calendars. */
@ApiTags('groups')
@ApiBearerAuth()
@Controller()
export class WorkshopsController {
  constructor(private readonly workshops: WorkshopsService) {}

  @Get('groups/:id/workshops')
  @ApiOkResponse({ type: [WorkshopView], description: 'By start time' })
  @ApiErrors(400, 401, 404)
  list(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<WorkshopView[]> {
    return this.workshops.list(groupCaller(user), id);
  }

  @Post('groups/:id/workshops')
  @ApiCreatedResponse({ type: WorkshopView })
  @ApiErrors(400, 401, 403, 404, 409)
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateWorkshopDto,
  ): Promise<WorkshopView> {
    return this.workshops.create(groupCaller(user), id, body);
  }

  @Get('workshops/:id')
  @ApiOkResponse({ type: WorkshopView })
  @ApiErrors(400, 401, 404)
  get(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<WorkshopView> {
    return this.workshops.get(groupCaller(user), id);
  }

  @Patch('workshops/:id')
  @ApiOkResponse({ type: WorkshopView })
  @ApiErrors(400, 401, 403, 404, 409)
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateWorkshopDto,
  ): Promise<WorkshopView> {
    return this.workshops.update(groupCaller(user), id, body);
  }

  @Delete('workshops/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 403, 404, 409)
  remove(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.workshops.remove(groupCaller(user), id);
  }

  @Get('workshops/:id/ics')
  @Header('Cache-Control', 'private, no-store')
  @ApiFileResponse('text/calendar', 'The workshop as an iCalendar event (RFC 5545)')
  @ApiErrors(400, 401, 404)
  async ics(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { body, fileName } = await this.workshops.ics(groupCaller(user), id);
    void reply
      .type('text/calendar; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${fileName}"`)
      .header('X-Content-Type-Options', 'nosniff');
    return body;
  }

  @Put('workshops/:id/materials/:fileId')
  @ApiOkResponse({ type: WorkshopView, description: 'Links a library file as material before or after' })
  @ApiErrors(400, 401, 403, 404, 409)
  link(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('fileId', ParseUUIDPipe) fileId: string,
    @Body() body: MaterialDto,
  ): Promise<WorkshopView> {
    return this.workshops.linkMaterial(groupCaller(user), id, fileId, body.phase);
  }

  @Delete('workshops/:id/materials/:fileId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 403, 404, 409)
  unlink(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('fileId', ParseUUIDPipe) fileId: string,
  ): Promise<void> {
    return this.workshops.unlinkMaterial(groupCaller(user), id, fileId);
  }
}
