/** Every mail the platform sends. Stored in queued jobs: never rename one, only add. */
export enum MailTemplate {
  /** params: displayName, link */
  VerifyEmail = 'verify-email',
  /** params: displayName, link */
  PasswordReset = 'password-reset',
  /** params: displayName, link (sign-in page) */
  RegistrationApproved = 'registration-approved',
  /** params: displayName, reason */
  RegistrationRejected = 'registration-rejected',
  /** To a coordinator. params: displayName (coordinator), country, count, link (dashboard) */
  PendingRegistrationsReminder = 'pending-registrations-reminder',
  /** To the Secretariat. params: displayName (admin), country, count, days, link */
  PendingRegistrationsEscalation = 'pending-registrations-escalation',
  /** To a group member named in a post. params: displayName, authorName, groupName, threadTitle, link (thread) */
  GroupMention = 'group-mention',
  /** Daily, to a group member. params: displayName, count, summary, link (groups page) */
  GroupDigest = 'group-digest',
  /** To the owner of an address someone tried to register again. params: displayName, link (sign-in page) */
  RegistrationAttempt = 'registration-attempt',
  /** To an officer a coordinator onboarded. params: displayName, country, link (choose a password) */
  AccountCreated = 'account-created',
  /** One notification (docs/notifications.md). params: displayName, title, text, link (notifications page) */
  Notification = 'notification',
  /** The day's notifications of a person who chose the digest. params: displayName, count, summary, link */
  NotificationDigest = 'notification-digest',
}
