import { Controller, Get, Ip, Param } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public, RateLimitKind, RateLimitService } from '@app/accounts';
import { CertificateService, CertificateVerificationDto } from '@app/certificates';
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

  @Get(':code')
  @ApiParam({ name: 'code', description: 'The verification code as printed (case, hyphens, I/L/O are forgiven)' })
  @ApiOkResponse({ type: CertificateVerificationDto })
  @ApiErrors(400, 404, 429)
  async verify(@Param('code') code: string, @Ip() ip: string): Promise<CertificateVerificationDto> {
    await this.limits.consume(RateLimitKind.VerifyIp, ip);
    return this.certificates.verify(code.slice(0, 64));
  }
}
