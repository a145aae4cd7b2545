import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthService, LocalAuthGuard, LoginDto, LoginResponseDto, Public, User } from '@app/accounts';

import { ApiErrors } from '../openapi';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @UseGuards(LocalAuthGuard)
  @Post('login')
  @HttpCode(200)
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors(400, 401, 403)
  login(@Req() request: { user: User }, @Body() _body: LoginDto): Promise<LoginResponseDto> {
    return this.auth.login(request.user);
  }
}
