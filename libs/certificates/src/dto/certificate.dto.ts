import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '@app/accounts';

export const CERTIFICATE_STATUSES = ['valid', 'revoked', 'replaced'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** Who issued a certificate: this server (its administration and country) and the platform. */
export class CertificateIssuerDto {
  @ApiProperty({ example: 'Kenya Revenue Authority', nullable: true, type: String })
  administration: string | null;

  @ApiProperty({ example: 'KE', nullable: true, type: String })
  country: string | null;

  @ApiProperty({ example: 'https://lms.kra.go.ke' })
  url: string;

  @ApiProperty({ example: 'Clearance' })
  platform: string;
}

/** A learner's own certificate (`GET /api/me/certificates`). */
export class MyCertificateDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  courseId: string;

  @ApiProperty({ description: 'Verification code, grouped: XXXX-XXXX-XXXX-XXXX', example: '7K3M-Q9XA-2B4D-F1H*' })
  code: string;

  @ApiProperty({ type: String, format: 'date-time' })
  issuedAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  completedAt: Date;

  @ApiProperty()
  learnerName: string;

  @ApiProperty()
  courseTitle: string;

  @ApiProperty({ type: Number, nullable: true, description: 'Scaled score (0..1) where the course is assessed' })
  scoreScaled: number | null;

  @ApiProperty({ enum: CERTIFICATE_STATUSES })
  status: CertificateStatus;

  @ApiProperty({ description: 'Public verification page of this certificate' })
  verifyUrl: string;

  @ApiProperty({
    description: 'Signed statement (CLC1.<payload>.<signature>), checkable offline by servers that trust this one',
  })
  statement: string;
}

/** The public answer about a code (`GET /api/verify/:code`): nothing about the person but the name. */
export class CertificateVerificationDto {
  @ApiProperty({ description: 'True only while the certificate is neither revoked nor replaced' })
  valid: boolean;

  @ApiProperty({ enum: CERTIFICATE_STATUSES })
  status: CertificateStatus;

  @ApiProperty({ example: '7K3M-Q9XA-2B4D-F1H*' })
  code: string;

  @ApiProperty()
  learnerName: string;

  @ApiProperty()
  courseTitle: string;

  @ApiProperty({ type: String, format: 'date-time' })
  issuedAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  completedAt: Date;

  @ApiProperty({ type: Number, nullable: true })
  scoreScaled: number | null;

  @ApiProperty()
  revoked: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt: Date | null;

  @ApiProperty({ type: String, nullable: true })
  revokedReason: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  replacedAt: Date | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The code of the certificate that replaced it' })
  replacedByCode: string | null;

  @ApiProperty({ type: CertificateIssuerDto })
  issuer: CertificateIssuerDto;
}

export class RevokeCertificateDto {
  @ApiProperty({ minLength: 3, maxLength: 500 })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

/** A certificate as the admin sees it after revoking or reissuing. */
export class AdminCertificateDto extends MyCertificateDto {
  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt: Date | null;

  @ApiProperty({ type: String, nullable: true })
  revokedReason: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  replacedById: string | null;
}

export class VerifyStatementDto {
  @ApiProperty({ description: 'A certificate statement: CLC1.<payload>.<signature>', maxLength: 8000 })
  @IsString()
  @MinLength(1)
  @MaxLength(8000)
  statement: string;
}

export class StatementIssuerDto {
  @ApiProperty({ description: 'Id of the key that signed the statement' })
  keyId: string;

  @ApiProperty({ description: 'Whether this server trusts that key (its own, or one of CERTIFICATE_TRUSTED_KEYS)' })
  trusted: boolean;

  @ApiProperty({ description: 'Whether it is this server’s own key' })
  own: boolean;

  @ApiProperty({
    enum: ['own', 'configured', 'licence-bundle'],
    nullable: true,
    description: 'Why this server trusts the key: its own, CERTIFICATE_TRUSTED_KEYS, or a hub’s licence bundle',
  })
  trustedBy: 'own' | 'configured' | 'licence-bundle' | null;

  @ApiProperty({ type: String, nullable: true })
  administration: string | null;

  @ApiProperty({ type: String, nullable: true })
  country: string | null;

  @ApiProperty()
  url: string;
}

export class StatementCertificateDto {
  @ApiProperty({ example: '7K3M-Q9XA-2B4D-F1H*' })
  code: string;

  @ApiProperty()
  learnerName: string;

  @ApiProperty()
  courseTitle: string;

  @ApiProperty({ type: String, format: 'date-time' })
  completedAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  issuedAt: string;

  @ApiProperty({ type: Number, nullable: true })
  scoreScaled: number | null;
}

/** What `POST /api/verify/statement` checked, and what it found. */
export class StatementVerificationDto {
  @ApiProperty({ description: 'Signature valid, issuer trusted, and (where known) neither revoked nor replaced' })
  valid: boolean;

  @ApiProperty()
  signatureValid: boolean;

  @ApiProperty({ type: StatementIssuerDto })
  issuer: StatementIssuerDto;

  @ApiProperty({ type: StatementCertificateDto })
  certificate: StatementCertificateDto;

  @ApiProperty({ enum: [...CERTIFICATE_STATUSES, 'unknown'] })
  status: CertificateStatus | 'unknown';

  @ApiProperty({
    type: String,
    format: 'date-time',
    description: 'When the status is known to hold: now for this server’s own certificates, else the issue date',
  })
  statusAsOf: string;

  @ApiProperty({ description: 'What was checked, in words' })
  checked: string;
}

/** A certificate key this server trusts (`GET /api/certificates/trusted-issuers`). */
export class TrustedIssuerDto {
  @ApiProperty({ example: '3fa1c2d4e5f60718' })
  keyId: string;

  @ApiProperty({ description: 'Base64 SPKI DER of the Ed25519 public key' })
  publicKey: string;

  @ApiProperty({
    enum: ['own', 'configured', 'licence-bundle'],
    description: 'This server’s own key, one of CERTIFICATE_TRUSTED_KEYS, or carried by a hub’s licence bundle',
  })
  source: 'own' | 'configured' | 'licence-bundle';

  @ApiProperty({ type: String, nullable: true })
  administration: string | null;

  @ApiProperty({ type: String, nullable: true })
  country: string | null;

  @ApiProperty({ type: String, nullable: true })
  url: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The licence whose bundle carried it' })
  licenceId: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  receivedAt: Date | null;
}

/** An administrator's search of certificates (`GET /api/certificates`). */
export class CertificateQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'A verification code, or part of the learner’s name as issued', maxLength: 120 })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  courseId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ description: 'Issued at or after (ISO 8601)', example: '2026-01-01' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Issued before (ISO 8601)', example: '2027-01-01' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: CERTIFICATE_STATUSES })
  @IsOptional()
  @IsIn(CERTIFICATE_STATUSES)
  status?: CertificateStatus;
}

export class CertificatePageDto {
  @ApiProperty({ type: [AdminCertificateDto] })
  items: AdminCertificateDto[];

  @ApiProperty()
  total: number;
}
