import { Body, Controller, Get, Header, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '@app/accounts';
import {
  CommitAnswer,
  CommitService,
  ItemLaunchDto,
  LaunchService,
  LaunchTokenService,
  LaunchView,
  PlayerDataView,
  PlayerService,
} from '@app/learning';
import { LAUNCH_TOKEN_SCHEME } from '../contract/openapi-document';
import { CHECKS_OWN_INPUT } from '../input-guard';
import { ApiErrors } from '../openapi';

type CommitRequest = FastifyRequest<{
  Params: { attemptId: string };
  Querystring: { token?: string; reason?: string; terminate?: string };
}>;

/**
 * The player's routes. Authenticated by the launch token, not the access token: the player page
 * works without a sign-in and sendBeacon cannot send headers.
 */
@ApiTags('learning')
@ApiBearerAuth(LAUNCH_TOKEN_SCHEME)
@Public()
@Controller('attempts/:attemptId')
export class AttemptsController {
  constructor(
    private readonly player: PlayerService,
    private readonly launches: LaunchService,
    private readonly commits: CommitService,
  ) {}

  @Get('player')
  @ApiOkResponse({ type: PlayerDataView, description: 'Everything the player needs for this launch (docs/player.md)' })
  @ApiErrors(401, 404, 409)
  playerData(
    @Param('attemptId') attemptId: string,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<PlayerDataView> {
    return this.player.playerData(LaunchTokenService.fromRequest(undefined, authorization), attemptId);
  }

  @Post('items/:itemId/launch')
  @HttpCode(200)
  @ApiOkResponse({ type: LaunchView, description: 'The item, same package' })
  @ApiErrors(400, 401, 404, 409)
  launchItem(
    @Param('attemptId') attemptId: string,
    @Param('itemId') itemId: string,
    @Headers('authorization') authorization: string | undefined,
    @Body() body: ItemLaunchDto,
  ): Promise<LaunchView> {
    return this.launches.launchItem(
      LaunchTokenService.fromRequest(undefined, authorization),
      attemptId,
      itemId,
      body.newAttempt === true,
    );
  }

  /**
   * The hot path: one request object, no pipes, one service call, one UPDATE. Its body is checked in
   * one pass by parseCommitBody (shape, sizes, depth, well-formed text), so the input guard skips it. The answer is a tiny
   * JSON body read by scorm-again (or by nobody: sendBeacon), never a page, so helmet's per-request
   * page headers are skipped here (measured: a tenth of the route's CPU) for the two that matter.
   */
  @Post('commit')
  @RouteConfig({ helmet: { skipRoute: true }, ...CHECKS_OWN_INPUT })
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'no-store')
  @HttpCode(200)
  @ApiOkResponse({ type: CommitAnswer, description: '{"result":true,"errorCode":0}' })
  @ApiErrors(400, 401, 404, 409)
  commit(@Req() request: CommitRequest): Promise<CommitAnswer> {
    const query = request.query;
    return this.commits.commit({
      attemptId: request.params.attemptId,
      token: LaunchTokenService.fromRequest(query, request.headers.authorization),
      body: request.body,
      reason: query.reason,
      terminate: query.terminate === 'true',
    });
  }
}
