import { ApiProperty } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { JobName } from './job-name.enum';

/**
 * One payload class per job name. Payloads are validated when enqueued and again by the worker
 * (which has no HTTP pipe). A payload grows only by optional fields, so jobs already queued stay
 * valid across a deploy.
 */
export class SystemEchoPayload {
  @ApiProperty({ maxLength: 200, example: 'hello' })
  @IsString()
  @MaxLength(200)
  message: string;

  /** How long the job works before answering, reporting progress as it goes. */
  @ApiProperty({ minimum: 0, maximum: 60_000, example: 1000 })
  @IsInt()
  @Min(0)
  @Max(60_000)
  delayMs: number;
}

export class SendEmailPayload {
  @IsEmail()
  @MaxLength(254)
  to: string;

  /**
   * A template of libs/notifications (MailTemplate). Which mails exist is that library's business:
   * its renderer refuses an unknown name before the job is queued and again in the worker.
   */
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/)
  template: string;

  @IsIn(['en', 'fr', 'es'])
  language: 'en' | 'fr' | 'es';

  /** Values the template interpolates (names, links, reasons); strings only, escaped when rendered. */
  @IsObject()
  params: Record<string, string>;
}

export class RemindPendingRegistrationsPayload {
  /** ISO time to count from; defaults to when the job runs (tests set it). */
  @IsOptional()
  @IsString()
  now?: string;
}

export class ImportScormPackagePayload {
  /** The ImportJob row mirroring this job; also the job id. */
  @IsUUID()
  importJobId: string;

  /** The uploaded zip, under DATA_DIR/uploads; removed when the job ends. */
  @IsString()
  @MaxLength(1024)
  uploadPath: string;

  @IsString()
  @MaxLength(255)
  fileName: string;

  /** Add a version to this course; without it, a new draft course is made from the manifest. */
  @IsOptional()
  @IsUUID()
  courseId?: string;

  /** For a translated package: the package version (of the same course) it was translated from. */
  @IsOptional()
  @IsUUID()
  sourcePackageId?: string;

  /**
   * Publish the course once the package is recorded (the demo seed: a course may only be published
   * with a launchable package, and the package arrives through this job).
   */
  @IsOptional()
  @IsBoolean()
  publish?: boolean;

  @IsIn(['en', 'fr', 'es'])
  language: 'en' | 'fr' | 'es';

  @IsUUID()
  requestedBy: string;
}

export class ImportLicenceBundlePayload {
  /** The ImportJob row mirroring this job; also the job id. */
  @IsUUID()
  importJobId: string;

  /** The uploaded bundle, under DATA_DIR/uploads; removed when the job ends. */
  @IsString()
  @MaxLength(1024)
  uploadPath: string;

  @IsString()
  @MaxLength(255)
  fileName: string;

  /** SHA-256 of the uploaded bundle: the same bundle is imported once. */
  @Matches(/^[0-9a-f]{64}$/)
  bundleSha256: string;

  @IsUUID()
  requestedBy: string;
}

export class SendGroupDigestsPayload {
  /** ISO time the day ends at; defaults to when the job runs (tests set it). */
  @IsOptional()
  @IsString()
  now?: string;
}

export class ImportXliffTranslationPayload {
  /** The ImportJob row mirroring this job; also the job id. */
  @IsUUID()
  importJobId: string;

  /** The uploaded XLIFF file, under DATA_DIR/uploads; removed when the job ends. */
  @IsString()
  @MaxLength(1024)
  uploadPath: string;

  @IsString()
  @MaxLength(255)
  fileName: string;

  @IsUUID()
  requestedBy: string;
}

export class RequeueLostImportsPayload {
  /** Rows younger than this are left alone (their api request may be queueing them right now). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86_400)
  olderThanSeconds?: number;
}

export class PurgeSignInsPayload {
  /** ISO time to count the retention period back from; defaults to when the job runs. */
  @IsOptional()
  @IsString()
  now?: string;
}

export class GenerateCertificatePdfPayload {
  @IsUUID()
  certificateId: string;
}

export class ExtractInteractionsPayload {
  @IsUUID()
  attemptId: string;
}

export class ImportOfficersPayload {
  /** The ImportJob row mirroring this job; also the job id. */
  @IsUUID()
  importJobId: string;

  /** The uploaded CSV, under DATA_DIR/uploads; removed when the job ends. */
  @IsString()
  @MaxLength(1024)
  uploadPath: string;

  @IsString()
  @MaxLength(255)
  fileName: string;

  /** The country the officers join (checked against the requester's scope before queueing). */
  @Matches(/^[A-Z]{2}$/)
  country: string;

  @IsUUID()
  requestedBy: string;
}

export class SendNotificationDigestsPayload {
  /** ISO time of the run; defaults to when the job runs (tests set it). */
  @IsOptional()
  @IsString()
  now?: string;
}

export class ScanExpiringLicencesPayload {
  /** ISO time to count the 30 days from; defaults to when the job runs (tests set it). */
  @IsOptional()
  @IsString()
  now?: string;
}

export interface JobPayloads {
  [JobName.SystemEcho]: SystemEchoPayload;
  [JobName.SendEmail]: SendEmailPayload;
  [JobName.RemindPendingRegistrations]: RemindPendingRegistrationsPayload;
  [JobName.ImportScormPackage]: ImportScormPackagePayload;
  [JobName.SendGroupDigests]: SendGroupDigestsPayload;
  [JobName.ImportLicenceBundle]: ImportLicenceBundlePayload;
  [JobName.ImportXliffTranslation]: ImportXliffTranslationPayload;
  [JobName.RequeueLostImports]: RequeueLostImportsPayload;
  [JobName.PurgeSignIns]: PurgeSignInsPayload;
  [JobName.GenerateCertificatePdf]: GenerateCertificatePdfPayload;
  [JobName.ExtractInteractions]: ExtractInteractionsPayload;
  [JobName.ImportOfficers]: ImportOfficersPayload;
  [JobName.SendNotificationDigests]: SendNotificationDigestsPayload;
  [JobName.ScanExpiringLicences]: ScanExpiringLicencesPayload;
}

export interface JobResults {
  [JobName.SystemEcho]: { echo: string; workerPid: number; finishedAt: string };
  [JobName.SendEmail]: { messageId: string; transport: 'smtp' | 'outbox' };
  [JobName.RemindPendingRegistrations]: { reminded: number; escalated: number };
  [JobName.ImportScormPackage]: { courseId: string; packageId: string; warnings: string[] };
  [JobName.SendGroupDigests]: { users: number; mails: number };
  [JobName.ImportLicenceBundle]: {
    licenceId: string;
    revision: number;
    courseIds: string[];
    addedPackages: number;
    alreadyImported: boolean;
  };
  [JobName.ImportXliffTranslation]: { courseId: string; language: string; sourceLanguage: string; units: string[] };
  [JobName.RequeueLostImports]: { requeued: number };
  [JobName.PurgeSignIns]: { removed: number };
  [JobName.GenerateCertificatePdf]: { certificateId: string; bytes: number; alreadyStored: boolean };
  [JobName.ExtractInteractions]: { attemptId: string; interactions: number };
  [JobName.ImportOfficers]: {
    country: string;
    rows: number;
    created: number;
    alreadyRegistered: number;
    rejectedCount: number;
    rejected: Array<{ line: number; email: string; name: string; problem: string }>;
  };
  [JobName.SendNotificationDigests]: { recipients: number; notifications: number };
  [JobName.ScanExpiringLicences]: { licences: number; admins: number };
}

export type PayloadClass<N extends JobName> = new () => JobPayloads[N];

export const JOB_PAYLOAD_CLASS: { [N in JobName]: PayloadClass<N> } = {
  [JobName.SystemEcho]: SystemEchoPayload,
  [JobName.SendEmail]: SendEmailPayload,
  [JobName.RemindPendingRegistrations]: RemindPendingRegistrationsPayload,
  [JobName.ImportScormPackage]: ImportScormPackagePayload,
  [JobName.SendGroupDigests]: SendGroupDigestsPayload,
  [JobName.ImportLicenceBundle]: ImportLicenceBundlePayload,
  [JobName.ImportXliffTranslation]: ImportXliffTranslationPayload,
  [JobName.RequeueLostImports]: RequeueLostImportsPayload,
  [JobName.PurgeSignIns]: PurgeSignInsPayload,
  [JobName.GenerateCertificatePdf]: GenerateCertificatePdfPayload,
  [JobName.ExtractInteractions]: ExtractInteractionsPayload,
  [JobName.ImportOfficers]: ImportOfficersPayload,
  [JobName.SendNotificationDigests]: SendNotificationDigestsPayload,
  [JobName.ScanExpiringLicences]: ScanExpiringLicencesPayload,
};
