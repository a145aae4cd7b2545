import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, UserRole } from '@app/accounts';
import {
  AdminCertificateDto,
  CertificatePageDto,
  CertificateQueryDto,
  CertificateService,
  MyCertificateDto,
  RevokeCertificateDto,
  MyTranscriptDto,
  TranscriptService,
  TrustedIssuerDto,
} from '@app/certificates';
import { ApiErrors } from '../openapi';

/** The learner's own certificates, and an administrator's revocation and reissue (docs/certificates.md). */
@ApiTags('certificates')
@ApiBearerAuth()
@Controller()
export class CertificatesController {
  constructor(
    private readonly certificates: CertificateService,
    private readonly transcripts: TranscriptService,
  ) {}

  @Get('me/certificates')
  @ApiOkResponse({ type: [MyCertificateDto], description: 'The caller’s certificates, newest first' })
  @ApiErrors(401)
  mine(@CurrentUser() user: AuthenticatedUser): Promise<MyCertificateDto[]> {
    return this.certificates.listForUser(user.id);
  }

  @Get('me/transcript')
  @ApiOkResponse({ type: MyTranscriptDto, description: 'Every course the caller completed, newest first' })
  @ApiErrors(401)
  async transcript(@CurrentUser() user: AuthenticatedUser): Promise<MyTranscriptDto> {
    const { language: _language, country: _country, ...transcript } = await this.transcripts.forUser(user.id);
    return transcript;
  }

  @Get('me/transcript.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The caller’s transcript as a PDF, made on request (429 when too many are being made)',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(401, 429)
  async transcriptPdf(@CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    const { pdf, fileName } = await this.transcripts.pdfForUser(user.id);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="${fileName}"`,
      length: pdf.length,
    });
  }

  @Get('certificates/:id/pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The owner’s certificate as a PDF, made once by the worker and kept; 409 while it is being made',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(400, 401, 404, 409)
  async pdf(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    const file = await this.certificates.pdfForOwner(user.id, id);
    return new StreamableFile(file.stream, {
      type: 'application/pdf',
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.bytes,
    });
  }

  @Roles(UserRole.Admin)
  @Get('certificates')
  @ApiOkResponse({ type: CertificatePageDto, description: 'Newest first' })
  @ApiErrors(400, 401, 403)
  search(@Query() query: CertificateQueryDto): Promise<CertificatePageDto> {
    return this.certificates.search(query);
  }

  @Roles(UserRole.Admin)
  @Get('certificates/trusted-issuers')
  @ApiOkResponse({
    type: [TrustedIssuerDto],
    description: 'The certificate keys this server trusts: its own, CERTIFICATE_TRUSTED_KEYS, those of hub bundles',
  })
  @ApiErrors(401, 403)
  trustedIssuers(): Promise<TrustedIssuerDto[]> {
    return this.certificates.trustedIssuers();
  }

  @Roles(UserRole.Admin)
  @Post('certificates/:id/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: AdminCertificateDto })
  @ApiErrors(400, 401, 403, 404, 409)
  revoke(@Param('id', ParseUUIDPipe) id: string, @Body() body: RevokeCertificateDto): Promise<AdminCertificateDto> {
    return this.certificates.revoke(id, body.reason);
  }

  @Roles(UserRole.Admin)
  @Post('certificates/:id/reissue')
  @HttpCode(200)
  @ApiOkResponse({
    type: AdminCertificateDto,
    description: 'The new certificate, with the name the profile has now; the old code says "replaced"',
  })
  @ApiErrors(400, 401, 403, 404, 409)
  reissue(@Param('id', ParseUUIDPipe) id: string): Promise<AdminCertificateDto> {
    return this.certificates.reissue(id);
  }
}
