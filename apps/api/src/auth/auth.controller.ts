import { Body, Controller, HttpCode, Ip, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AuthService,
  EmailDto,
  LocalAuthGuard,
  LoginDto,
  LoginResponseDto,
  PasswordService,
  Public,
  RateLimitKind,
  RateLimitService,
  RegisterDto,
  RegistrationService,
  ResetPasswordDto,
  TokenDto,
  User,
  UserStatus,
} from '@app/accounts';
import { ApiErrors } from '../openapi';
import {
  clearRefreshCookie,
  readDeviceCookie,
  readRefreshCookie,
  setDeviceCookie,
  setRefreshCookie,
} from './refresh-cookie';
import { SameOriginJsonGuard } from './same-origin-json.guard';

class RegisteredDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: UserStatus }) status: UserStatus;
}

class VerifiedDto {
  @ApiProperty({ enum: [UserStatus.Pending, UserStatus.Active] }) status: UserStatus;
}

@ApiTags('auth')
@Public()
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly registration: RegistrationService,
    private readonly passwords: PasswordService,
    private readonly limits: RateLimitService,
  ) {}

  @Post('register')
  @ApiCreatedResponse({
    type: RegisteredDto,
    description: 'Also for an address that has an account: nothing is written and its owner is mailed',
  })
  @ApiErrors(400, 429)
  async register(@Body() body: RegisterDto, @Ip() ip: string): Promise<RegisteredDto> {
    await this.limits.consume(RateLimitKind.RegisterIp, ip);
    return this.registration.register(body);
  }

  @Post('verify-email')
  @HttpCode(200)
  @ApiOkResponse({ type: VerifiedDto })
  @ApiErrors(400, 429)
  async verifyEmail(@Body() body: TokenDto, @Ip() ip: string): Promise<VerifiedDto> {
    await this.limits.consume(RateLimitKind.TokenIp, ip);
    return this.registration.verifyEmail(body.token);
  }

  @Post('resend-verification')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'Sent if the address waits for confirmation; the answer is the same otherwise' })
  @ApiErrors(400, 429)
  async resendVerification(@Body() body: EmailDto, @Ip() ip: string): Promise<void> {
    await this.limits.consume(RateLimitKind.MailIp, ip);
    await this.limits.consume(RateLimitKind.MailAccount, RateLimitService.accountKey(body.email));
    await this.registration.resendVerification(body.email);
  }

  @UseGuards(SameOriginJsonGuard, LocalAuthGuard)
  @Post('login')
  @HttpCode(200)
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: LoginResponseDto, description: 'Also sets the refresh-token cookie and the device cookie' })
  @ApiErrors(400, 401, 403, 415, 429)
  async login(
    @Req() request: FastifyRequest & { user: User },
    @Body() _body: LoginDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponseDto> {
    const signedIn = await this.auth.login(request.user);
    setRefreshCookie(reply, signedIn.refreshToken, signedIn.refreshExpiresAt);
    setDeviceCookie(reply, this.auth.deviceCookieFor(request.user, readDeviceCookie(request)));
    void reply.header('Cache-Control', 'no-store');
    return { accessToken: signedIn.accessToken, user: signedIn.user };
  }

  @UseGuards(SameOriginJsonGuard)
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto, description: 'Rotates the refresh-token cookie' })
  @ApiErrors(401, 403, 415)
  async refresh(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponseDto> {
    try {
      const signedIn = await this.auth.refresh(readRefreshCookie(request));
      setRefreshCookie(reply, signedIn.refreshToken, signedIn.refreshExpiresAt);
      void reply.header('Cache-Control', 'no-store');
      return { accessToken: signedIn.accessToken, user: signedIn.user };
    } catch (error) {
      clearRefreshCookie(reply);
      throw error;
    }
  }

  @UseGuards(SameOriginJsonGuard)
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Ends the session of the refresh-token cookie and clears it' })
  @ApiErrors(403, 415)
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(readRefreshCookie(request));
    clearRefreshCookie(reply);
  }

  @Post('password-reset')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'A link is mailed if the account exists; the answer is the same otherwise' })
  @ApiErrors(400, 429)
  async requestPasswordReset(@Body() body: EmailDto, @Ip() ip: string): Promise<void> {
    await this.limits.consume(RateLimitKind.MailIp, ip);
    await this.limits.consume(RateLimitKind.MailAccount, RateLimitService.accountKey(body.email));
    await this.passwords.requestReset(body.email);
  }

  @Post('password-reset/confirm')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Password changed; every session of the account has ended' })
  @ApiErrors(400, 429)
  async confirmPasswordReset(@Body() body: ResetPasswordDto, @Ip() ip: string): Promise<void> {
    await this.limits.consume(RateLimitKind.TokenIp, ip);
    await this.passwords.confirmReset(body.token, body.password);
  }
}
