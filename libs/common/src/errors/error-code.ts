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
  AccountPending = 'ACCOUNT_PENDING',
  AccountUnverified = 'ACCOUNT_UNVERIFIED',
  AccountRejected = 'ACCOUNT_REJECTED',
  AccountSuspended = 'ACCOUNT_SUSPENDED',
  EmailTaken = 'EMAIL_TAKEN',
  PasswordTooWeak = 'PASSWORD_TOO_WEAK',

  // jobs
  JobNotFound = 'JOB_NOT_FOUND',
}
