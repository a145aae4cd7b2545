import { Body, Controller, Get, HttpCode, Ip, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public, RateLimitKind, RateLimitService } from '@app/accounts';
import {
  CertificateService,
  CertificateVerificationDto,
  StatementVerificationDto,
  VerifyStatementDto,
} from '@app/certificates';
import { ApiErrors } from '../openapi';

/** Public verification of certificates: no sign-in, rate limited per client IP (docs/certificates.md). */
@ApiTags('certificates')
@Public()
@Controller('verify')
export class VerifyController {
  constructor(
    private readonly certificates: CertificateService,
    private readonly limits: RateLimitService,
  ) {}

  @Post('statement')
  @HttpCode(200)
  @ApiOkResponse({
    type: StatementVerificationDto,
    description: 'Checked offline against this server’s key and CERTIFICATE_TRUSTED_KEYS; valid false when refused',
  })
  @ApiErrors(400, 429)
  async verifyStatement(@Body() body: VerifyStatementDto, @Ip() ip: string): Promise<StatementVerificationDto> {
    await this.limits.consume(RateLimitKind.VerifyIp, ip);
    return this.certificates.verifyStatement(body.statement);
  }

  @Get(':code')
  @ApiParam({ name: 'code', description: 'The verification code as printed (case, hyphens, I/L/O are forgiven)' })
  @ApiOkResponse({ type: CertificateVerificationDto })
  @ApiErrors(400, 404, 429)
  async verify(@Param('code') code: string, @Ip() ip: string): Promise<CertificateVerificationDto> {
    await this.limits.consume(RateLimitKind.VerifyIp, ip);
    return this.certificates.verify(code.slice(0, 64));
  }
}
