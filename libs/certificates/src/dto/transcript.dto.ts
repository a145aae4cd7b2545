import { ApiProperty } from '@nestjs/swagger';
import { CERTIFICATE_STATUSES, CertificateIssuerDto, type CertificateStatus } from './certificate.dto';

/** The certificate a completion earned (the current one: a reissue's, or a revoked one). */
export class TranscriptCertificateDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '7K3M-Q9XA-2B4D-F1H*' })
  code: string;

  @ApiProperty({ enum: CERTIFICATE_STATUSES })
  status: CertificateStatus;

  @ApiProperty({ type: String, format: 'date-time' })
  issuedAt: Date;

  @ApiProperty()
  verifyUrl: string;
}

/** One completed course of the transcript. */
export class TranscriptEntryDto {
  @ApiProperty({ format: 'uuid' })
  courseId: string;

  @ApiProperty({ description: 'In the learner’s language where the course has it, else English' })
  courseTitle: string;

  @ApiProperty({ description: 'Language of the title', example: 'en' })
  language: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The first launch' })
  startedAt: Date | null;

  @ApiProperty({ type: String, format: 'date-time' })
  completedAt: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  passedAt: Date | null;

  @ApiProperty({ enum: ['passed', 'failed', 'unknown'], description: '`unknown`: the course is not assessed' })
  successStatus: 'passed' | 'failed' | 'unknown';

  @ApiProperty({ type: Number, nullable: true, description: 'Scaled score (0..1) where the course reports one' })
  scoreScaled: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'The course’s estimated hours' })
  estimatedHours: number | null;

  @ApiProperty({ description: 'Time the learner spent in the course, all attempts' })
  spentSeconds: number;

  @ApiProperty({ type: TranscriptCertificateDto, nullable: true })
  certificate: TranscriptCertificateDto | null;
}

/** `GET /api/me/transcript`: every course the caller completed, newest first. */
export class MyTranscriptDto {
  @ApiProperty({ description: 'The profile’s name' })
  learnerName: string;

  @ApiProperty({ type: String, format: 'date-time' })
  generatedAt: Date;

  @ApiProperty({ type: CertificateIssuerDto })
  issuer: CertificateIssuerDto;

  @ApiProperty({ description: 'Completed courses' })
  completedCourses: number;

  @ApiProperty({ description: 'Sum of the completed courses’ estimated hours (those that have one)' })
  estimatedHours: number;

  @ApiProperty({ description: 'Time spent in the completed courses' })
  spentSeconds: number;

  @ApiProperty({
    description: 'True when the learner completed more courses than a transcript lists (the newest are listed)',
  })
  truncated: boolean;

  @ApiProperty({ type: [TranscriptEntryDto] })
  items: TranscriptEntryDto[];
}
