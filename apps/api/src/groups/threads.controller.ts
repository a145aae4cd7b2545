import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@app/accounts';
import {
  CreatedDto,
  CreatePostDto,
  CreateThreadDto,
  ForumService,
  PostView,
  ThreadSummaryView,
  ThreadView,
  UpdatePostDto,
  UpdateThreadDto,
} from '@app/groups';
import { ApiErrors } from '../openapi';
import { groupCaller } from './group-caller';

/** A group's forum. Posts are Markdown, returned as written and as sanitised HTML. */
@ApiTags('groups')
@ApiBearerAuth()
@Controller()
export class ThreadsController {
  constructor(private readonly forum: ForumService) {}

  @Get('groups/:id/threads')
  @ApiOkResponse({ type: [ThreadSummaryView], description: 'Pinned threads first, then by last post' })
  @ApiErrors(400, 401, 404)
  list(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<ThreadSummaryView[]> {
    return this.forum.list(groupCaller(user), id);
  }

  @Post('groups/:id/threads')
  @ApiCreatedResponse({ type: CreatedDto })
  @ApiErrors(400, 401, 404, 409)
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateThreadDto,
  ): Promise<CreatedDto> {
    return this.forum.create(groupCaller(user), id, body);
  }

  @Get('threads/:id')
  @ApiOkResponse({ type: ThreadView })
  @ApiErrors(400, 401, 404)
  get(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<ThreadView> {
    return this.forum.get(groupCaller(user), id);
  }

  @Patch('threads/:id')
  @ApiOkResponse({ type: ThreadView, description: 'Authors and moderators rename; moderators pin' })
  @ApiErrors(400, 401, 403, 404, 409)
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateThreadDto,
  ): Promise<ThreadView> {
    return this.forum.update(groupCaller(user), id, body);
  }

  @Delete('threads/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 403, 404, 409)
  remove(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.forum.remove(groupCaller(user), id);
  }

  @Post('threads/:id/posts')
  @ApiCreatedResponse({ type: CreatedDto })
  @ApiErrors(400, 401, 404, 409)
  reply(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreatePostDto,
  ): Promise<CreatedDto> {
    return this.forum.reply(groupCaller(user), id, body);
  }

  @Patch('posts/:id')
  @ApiOkResponse({ type: PostView, description: 'Authors edit their own posts; moderators any' })
  @ApiErrors(400, 401, 403, 404, 409)
  edit(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdatePostDto,
  ): Promise<PostView> {
    return this.forum.editPost(groupCaller(user), id, body);
  }

  @Delete('posts/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 403, 404, 409)
  delete(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.forum.deletePost(groupCaller(user), id);
  }
}
