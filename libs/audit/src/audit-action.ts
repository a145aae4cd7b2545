/**
 * What a privileged action was (docs/audit.md). Codes are stored in `audit_log.action` and read by
 * people filtering the trail: they are added, never renamed.
 */
export enum AuditAction {
  RegistrationApprove = 'registration.approve',
  RegistrationReject = 'registration.reject',
  AutoApproveDomainsSet = 'country.auto-approve-domains.set',
  CoordinatorAppoint = 'coordinator.appoint',
  CoordinatorEnd = 'coordinator.end',
  UserSuspend = 'user.suspend',
  UserReinstate = 'user.reinstate',
  UserEndSessions = 'user.end-sessions',
  UserResendVerification = 'user.resend-verification',
  UserLeftService = 'user.left-service',
  UserErase = 'user.erase',
  RtcCreate = 'rtc.create',
  RtcUpdate = 'rtc.update',
  RtcStaffAppoint = 'rtc-staff.appoint',
  RtcStaffEnd = 'rtc-staff.end',
  CourseCreate = 'course.create',
  CourseUpdate = 'course.update',
  CoursePublish = 'course.publish',
  CourseArchive = 'course.archive',
  ImportPackage = 'import.package',
  ImportLicence = 'import.licence',
  ImportTranslation = 'import.translation',
  ImportOfficers = 'import.officers',
  LicenceGrant = 'licence.grant',
  LicenceRevise = 'licence.revise',
  LicenceEnd = 'licence.end',
  GroupCreate = 'group.create',
  CertificateRevoke = 'certificate.revoke',
  CertificateReissue = 'certificate.reissue',
  SystemEchoJob = 'system.echo-job',
  ExportDecisions = 'export.decisions',
  ExportLearners = 'export.learners',
  ExportLicenceBundle = 'export.licence-bundle',
  ExportXliff = 'export.xliff',
  ExportAudit = 'export.audit',
}

export const AUDIT_ACTIONS: string[] = Object.values(AuditAction);

/** What an entry is about: a table's row, named by its type and id. */
export type AuditTargetType =
  | 'user'
  | 'country'
  | 'coordinator_appointment'
  | 'rtc'
  | 'rtc_staff_appointment'
  | 'course'
  | 'import_job'
  | 'licence'
  | 'group'
  | 'certificate'
  | 'job'
  | 'export';
