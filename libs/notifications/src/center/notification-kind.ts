/** What a person is told about (docs/notifications.md). Stored in rows and preferences: never rename one, only add. */
export enum NotificationKind {
  /** To coordinators: registrations of their country wait for review. params: country */
  RegistrationsWaiting = 'registrations_waiting',
  /** To an invited person (an account or a plain address). params: groupId, groupName */
  GroupInvitation = 'group_invitation',
  /** To the learner. params: certificateId, courseTitle */
  CertificateIssued = 'certificate_issued',
  /** To whoever started an import. params: jobId, fileName, state (completed | failed) */
  ImportEnded = 'import_ended',
  /** To hub and national admins: a licence ends within 30 days. params: licenceId, country, validUntil */
  LicenceExpiring = 'licence_expiring',
}

export const NOTIFICATION_KINDS: readonly NotificationKind[] = Object.values(NotificationKind);

export enum NotificationDelivery {
  Immediate = 'immediate',
  Digest = 'digest',
  Off = 'off',
}

/** What each kind does until a person chooses: waiting registrations come in the daily digest. */
export const DEFAULT_DELIVERY: Record<NotificationKind, NotificationDelivery> = {
  [NotificationKind.RegistrationsWaiting]: NotificationDelivery.Digest,
  [NotificationKind.GroupInvitation]: NotificationDelivery.Immediate,
  [NotificationKind.CertificateIssued]: NotificationDelivery.Immediate,
  [NotificationKind.ImportEnded]: NotificationDelivery.Immediate,
  [NotificationKind.LicenceExpiring]: NotificationDelivery.Immediate,
};
