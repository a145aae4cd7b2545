import { ErrorCode } from './error-code';

/**
 * What kind of failure a domain error is. The domain says what went wrong; the edge (the api's
 * exception filter, apps/api/src/errors) says which HTTP status that is. Libraries never name a status.
 */
export enum DomainErrorKind {
  /** The request is malformed or breaks a rule of its own. */
  Invalid = 'invalid',
  /** Who is asking is unknown (not signed in, or a token that no longer holds). */
  Unauthenticated = 'unauthenticated',
  /** Who is asking is known and may not do this. */
  Forbidden = 'forbidden',
  /** The thing does not exist, or the caller may not know that it does. */
  NotFound = 'not_found',
  /** The thing's current state does not allow this. */
  Conflict = 'conflict',
  /** The content is larger than allowed (or than the room left). */
  TooLarge = 'too_large',
  /** The content is of a type that is not taken here. */
  UnsupportedType = 'unsupported_type',
  /** The part of the content asked for does not exist. */
  RangeNotSatisfiable = 'range_not_satisfiable',
  /** Too many attempts: try again later. */
  RateLimited = 'rate_limited',
  /** A component the request needs is down for now: try again later. */
  Unavailable = 'unavailable',
}

/**
 * A failure the domain knows about. Services throw these; the exception filter maps them to the
 * stable body `{statusCode, error, message, code}`. Messages are for people and may change; codes
 * are for programs and may not.
 */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly kind: DomainErrorKind,
    message: string,
    readonly details?: string[],
  ) {
    super(message);
    this.name = 'DomainException';
  }

  /** Seconds a client should wait before trying again (sent as Retry-After), for rate limits. */
  retryAfterSeconds?: number;

  static tooManyRequests(retryAfterSeconds: number): DomainException {
    const exception = new DomainException(
      ErrorCode.TooManyRequests,
      DomainErrorKind.RateLimited,
      `Too many attempts: try again in ${retryAfterSeconds} s`,
    );
    exception.retryAfterSeconds = retryAfterSeconds;
    return exception;
  }

  static notFound(what: string, code: ErrorCode = ErrorCode.NotFound): DomainException {
    return new DomainException(code, DomainErrorKind.NotFound, `${what} not found`);
  }

  static badRequest(message: string, code: ErrorCode = ErrorCode.BadRequest): DomainException {
    return new DomainException(code, DomainErrorKind.Invalid, message);
  }

  static conflict(message: string, code: ErrorCode = ErrorCode.Conflict): DomainException {
    return new DomainException(code, DomainErrorKind.Conflict, message);
  }

  static unauthorized(message = 'Authentication required', code: ErrorCode = ErrorCode.Unauthorized): DomainException {
    return new DomainException(code, DomainErrorKind.Unauthenticated, message);
  }

  static forbidden(message = 'Not allowed', code: ErrorCode = ErrorCode.Forbidden): DomainException {
    return new DomainException(code, DomainErrorKind.Forbidden, message);
  }

  static tooLarge(message: string, code: ErrorCode = ErrorCode.PayloadTooLarge): DomainException {
    return new DomainException(code, DomainErrorKind.TooLarge, message);
  }

  static unsupportedType(message: string, code: ErrorCode = ErrorCode.UnsupportedMediaType): DomainException {
    return new DomainException(code, DomainErrorKind.UnsupportedType, message);
  }

  static unavailable(message: string, code: ErrorCode = ErrorCode.ServiceUnavailable): DomainException {
    return new DomainException(code, DomainErrorKind.Unavailable, message);
  }

  static rangeNotSatisfiable(
    message = 'Range Not Satisfiable',
    code: ErrorCode = ErrorCode.BadRequest,
  ): DomainException {
    return new DomainException(code, DomainErrorKind.RangeNotSatisfiable, message);
  }
}
