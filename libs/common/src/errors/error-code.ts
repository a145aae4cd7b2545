/**
 * Stable machine-readable error codes of the public API. Clients switch on these, so a code is
 * never renamed or reused for another meaning; add new ones at the end of their group.
 */
export enum ErrorCode {
  // generic edges
  ValidationFailed = 'VALIDATION_FAILED',
  BadRequest = 'BAD_REQUEST',
  Unauthorized = 'UNAUTHORIZED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  RouteNotFound = 'ROUTE_NOT_FOUND',
  MethodNotAllowed = 'METHOD_NOT_ALLOWED',
  Conflict = 'CONFLICT',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  InternalError = 'INTERNAL_ERROR',

  // accounts
  InvalidCredentials = 'INVALID_CREDENTIALS',
  TokenInvalid = 'TOKEN_INVALID',
  TokenReused = 'TOKEN_REUSED',
  AccountPending = 'ACCOUNT_PENDING',
  AccountUnverified = 'ACCOUNT_UNVERIFIED',
  AccountRejected = 'ACCOUNT_REJECTED',
  AccountSuspended = 'ACCOUNT_SUSPENDED',
  EmailTaken = 'EMAIL_TAKEN',
  PasswordTooWeak = 'PASSWORD_TOO_WEAK',
  InvalidCountry = 'INVALID_COUNTRY',
  RegistrationNotFound = 'REGISTRATION_NOT_FOUND',
  RegistrationNotPending = 'REGISTRATION_NOT_PENDING',
  LinkInvalid = 'LINK_INVALID',
  UserNotFound = 'USER_NOT_FOUND',
  UserNotActive = 'USER_NOT_ACTIVE',
  UserNotSuspended = 'USER_NOT_SUSPENDED',
  AppointmentNotFound = 'APPOINTMENT_NOT_FOUND',
  AlreadyCoordinator = 'ALREADY_COORDINATOR',
  AppointmentEnded = 'APPOINTMENT_ENDED',
  WrongPassword = 'WRONG_PASSWORD',

  // catalogue
  CourseNotFound = 'COURSE_NOT_FOUND',
  UnknownTopic = 'UNKNOWN_TOPIC',
  /** Publishing a course that has no package with a launchable item (docs/catalogue.md). */
  CourseNotLaunchable = 'COURSE_NOT_LAUNCHABLE',

  // content
  ContentLinkInvalid = 'CONTENT_LINK_INVALID',
  ContentLinkExpired = 'CONTENT_LINK_EXPIRED',

  // jobs
  JobNotFound = 'JOB_NOT_FOUND',

  // groups
  GroupNotFound = 'GROUP_NOT_FOUND',
  GroupArchived = 'GROUP_ARCHIVED',
  GroupRoleRequired = 'GROUP_ROLE_REQUIRED',
  AlreadyInGroup = 'ALREADY_IN_GROUP',
  InvitationNotFound = 'INVITATION_NOT_FOUND',
  JoinRequestNotFound = 'JOIN_REQUEST_NOT_FOUND',
  MembershipNotFound = 'MEMBERSHIP_NOT_FOUND',
  OwnerCannotLeave = 'OWNER_CANNOT_LEAVE',
  ThreadNotFound = 'THREAD_NOT_FOUND',
  PostNotFound = 'POST_NOT_FOUND',
  PostDeleted = 'POST_DELETED',
  GroupFileNotFound = 'GROUP_FILE_NOT_FOUND',
  GroupFolderNotFound = 'GROUP_FOLDER_NOT_FOUND',
  GroupQuotaExceeded = 'GROUP_QUOTA_EXCEEDED',
  CurriculumNotFound = 'CURRICULUM_NOT_FOUND',
  CurriculumFileNotFound = 'CURRICULUM_FILE_NOT_FOUND',
  ContactPointNotFound = 'CONTACT_POINT_NOT_FOUND',
  WorkshopNotFound = 'WORKSHOP_NOT_FOUND',

  // learning
  AttemptNotFound = 'ATTEMPT_NOT_FOUND',
  ItemNotFound = 'ITEM_NOT_FOUND',
  CourseHasNoPackage = 'COURSE_HAS_NO_PACKAGE',
  CommitInvalid = 'COMMIT_INVALID',
  SuspendDataTooLong = 'SUSPEND_DATA_TOO_LONG',
  SessionSuperseded = 'SESSION_SUPERSEDED',

  // licences
  LicenceNotFound = 'LICENCE_NOT_FOUND',
  LicenceExpired = 'LICENCE_EXPIRED',
  LicenceChanged = 'LICENCE_CHANGED',
  LicenceEnded = 'LICENCE_ENDED',
  SeatCapReached = 'SEAT_CAP_REACHED',
  LicensingNotConfigured = 'LICENSING_NOT_CONFIGURED',
  TranslationNotAllowed = 'TRANSLATION_NOT_ALLOWED',

  // input hardening (issue 12): refused before any validator sees the input
  /** A string or key of the body or query holds a lone UTF-16 surrogate (not well-formed Unicode). */
  MalformedText = 'MALFORMED_TEXT',
  /** The body nests objects or arrays deeper than the API accepts. */
  NestedTooDeep = 'NESTED_TOO_DEEP',
  // hardauth (issue 12): names that cannot spoof, sign-in from other sites, auto-approve domains
  UnsafeCharacters = 'UNSAFE_CHARACTERS',
  CrossSiteRequest = 'CROSS_SITE_REQUEST',
  FreeMailDomain = 'FREE_MAIL_DOMAIN',
  // sessions (issue 12): a launch token's sign-in session ended, or its account is no longer active
  SessionEnded = 'SESSION_ENDED',
  AccountInactive = 'ACCOUNT_INACTIVE',
  // people (issue 17): user administration, RTCs and their staff
  RtcNotFound = 'RTC_NOT_FOUND',
  RtcNameTaken = 'RTC_NAME_TAKEN',
  AlreadyRtcStaff = 'ALREADY_RTC_STAFF',
  NotYourself = 'NOT_YOURSELF',
  UserNotUnverified = 'USER_NOT_UNVERIFIED',
  NotRtcStaff = 'NOT_RTC_STAFF',
  // certificates (issue 15)
  /** A verification code that is not 16 Crockford base32 symbols (hyphens and spaces aside). */
  CertificateCodeInvalid = 'CERTIFICATE_CODE_INVALID',
  /** A well-formed verification code whose check symbol does not match: a symbol was mistyped. */
  CertificateCodeCheckFailed = 'CERTIFICATE_CODE_CHECK_FAILED',
  CertificateNotFound = 'CERTIFICATE_NOT_FOUND',
  CertificateRevoked = 'CERTIFICATE_REVOKED',
  CertificateReplaced = 'CERTIFICATE_REPLACED',
  /** Not a certificate statement (`CLC1.<payload>.<signature>` with the expected fields). */
  CertificateStatementInvalid = 'CERTIFICATE_STATEMENT_INVALID',
  /** The certificate's PDF is being made (queued); ask again in a moment. */
  CertificatePdfPending = 'CERTIFICATE_PDF_PENDING',
}
