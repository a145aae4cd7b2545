import { QueueName } from './queue-name.enum';

/** Every kind of job. Stored with each job in Redis: never rename one, only add. */
export enum JobName {
  /** Round trip through the queue and the worker; used by operators and tests to prove the pipeline. */
  SystemEcho = 'system.echo',
  /** One email, rendered from a template in the recipient's language. */
  SendEmail = 'notifications.send-email',
  /** Reminds coordinators of registrations left pending, and escalates old ones to the Secretariat. */
  RemindPendingRegistrations = 'registrations.remind-pending',
  /** Extracts, checks and parses an uploaded SCORM package, then adds it to the catalogue. */
  ImportScormPackage = 'imports.scorm-package',
  /** Mails each group member what was posted in their groups over the last day. */
  SendGroupDigests = 'groups.send-digests',
  /** Checks a signed licence bundle from a hub and imports its courses and packages. */
  ImportLicenceBundle = 'imports.licence-bundle',
  /** Applies an XLIFF file of a course's translated catalogue texts. */
  ImportXliffTranslation = 'translations.xliff',
  /** Queues again the imports MySQL says are waiting or running but Redis no longer knows. */
  RequeueLostImports = 'imports.requeue-lost',
  /** Removes recorded sign-ins older than SIGN_IN_RETENTION_DAYS (docs/reports.md). */
  PurgeSignIns = 'accounts.purge-sign-ins',
  /** Renders a certificate's PDF once and keeps it in the blob store (docs/certificates.md). */
  GenerateCertificatePdf = 'certificates.generate-pdf',
  /** Copies the interactions an attempt's SCOs reported into attempt_interactions (docs/reports.md). */
  ExtractInteractions = 'reports.extract-interactions',
  /** Makes approved accounts of a coordinator's CSV of officers, each mailed a link (docs/people.md). */
  ImportOfficers = 'registrations.import-officers',
  /** Mails each person who chose the daily digest the notifications of the day (docs/notifications.md). */
  SendNotificationDigests = 'notifications.send-digests',
  /** Tells admins of licences ending within 30 days (docs/notifications.md). */
  ScanExpiringLicences = 'notifications.scan-expiring-licences',
}

/** The queue each job kind runs on. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.SystemEcho]: QueueName.Maintenance,
  [JobName.SendEmail]: QueueName.Notifications,
  [JobName.RemindPendingRegistrations]: QueueName.Maintenance,
  [JobName.ImportScormPackage]: QueueName.Imports,
  [JobName.SendGroupDigests]: QueueName.Maintenance,
  [JobName.ImportLicenceBundle]: QueueName.Imports,
  [JobName.ImportXliffTranslation]: QueueName.Translations,
  [JobName.RequeueLostImports]: QueueName.Maintenance,
  [JobName.PurgeSignIns]: QueueName.Maintenance,
  [JobName.GenerateCertificatePdf]: QueueName.Maintenance,
  [JobName.ExtractInteractions]: QueueName.Maintenance,
  [JobName.ImportOfficers]: QueueName.Imports,
  [JobName.SendNotificationDigests]: QueueName.Maintenance,
  [JobName.ScanExpiringLicences]: QueueName.Maintenance,
};
