import { Body, Controller, Get, HttpCode, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  AuthenticatedUser,
  ChangePasswordDto,
  CurrentUser,
  MeView,
  PasswordService,
  ProfileService,
  UpdateProfileDto,
} from '@app/accounts';
import { ApiErrors } from '../openapi';
import { clearRefreshCookie } from './refresh-cookie';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly profiles: ProfileService,
    private readonly passwords: PasswordService,
  ) {}

  @Get()
  @ApiOkResponse({ type: MeView })
  @ApiErrors(401)
  async me(@CurrentUser() caller: AuthenticatedUser): Promise<MeView> {
    return MeView.of(await this.profiles.get(caller.id), caller);
  }

  @Patch()
  @ApiOkResponse({ type: MeView })
  @ApiErrors(400, 401)
  async update(@CurrentUser() caller: AuthenticatedUser, @Body() body: UpdateProfileDto): Promise<MeView> {
    return MeView.of(await this.profiles.update(caller.id, body), caller);
  }

  @Post('password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Changed; every session has ended, sign in again' })
  @ApiErrors(400, 401)
  async changePassword(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() body: ChangePasswordDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.passwords.change(caller.id, body.currentPassword, body.newPassword);
    clearRefreshCookie(reply);
  }
}
