import { Body, Controller, Get, Header, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, PageQueryDto } from '@app/accounts';
import { DomainException, ErrorCode } from '@app/common';
import {
  MarkReadDto,
  NotificationCenter,
  NotificationPage,
  NotificationPreferencesDto,
  NotificationPreferencesView,
  NotificationView,
  UnreadView,
} from '@app/notifications';
import { ApiErrors } from '../openapi';

/** The caller's own notifications and their choices (docs/notifications.md). */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MyNotificationsController {
  constructor(private readonly center: NotificationCenter) {}

  @Get('notifications')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: NotificationPage })
  @ApiErrors(400, 401)
  async list(@CurrentUser() caller: AuthenticatedUser, @Query() query: PageQueryDto): Promise<NotificationPage> {
    const { items, total, unread } = await this.center.list(caller.id, query.page, query.pageSize);
    return { items: items.map((row) => NotificationView.of(row)), total, unread };
  }

  /** Marks `ids` (the caller's own; others change nothing) or `all` read; answers the unread count. */
  @Post('notifications/read')
  @HttpCode(200)
  @ApiOkResponse({ type: UnreadView })
  @ApiErrors(400, 401)
  async read(@CurrentUser() caller: AuthenticatedUser, @Body() body: MarkReadDto): Promise<UnreadView> {
    if ((body.all === true) === (body.ids !== undefined)) {
      throw DomainException.badRequest('Give either ids or all: true', ErrorCode.ValidationFailed);
    }
    return { unread: await this.center.markRead(caller.id, body.all ? null : body.ids!) };
  }

  @Get('notification-preferences')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: NotificationPreferencesView })
  @ApiErrors(401)
  async preferences(@CurrentUser() caller: AuthenticatedUser): Promise<NotificationPreferencesView> {
    return { preferences: await this.center.preferences(caller.id) };
  }

  @Put('notification-preferences')
  @ApiOkResponse({ type: NotificationPreferencesView })
  @ApiErrors(400, 401)
  async setPreferences(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() body: NotificationPreferencesDto,
  ): Promise<NotificationPreferencesView> {
    return { preferences: await this.center.setPreferences(caller.id, body.preferences) };
  }
}
