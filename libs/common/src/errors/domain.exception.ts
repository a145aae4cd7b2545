import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from './error-code';

/**
 * A failure the domain knows about. Services throw these; the exception filter maps them to the
 * stable body `{statusCode, error, message, code}`. Messages are for people and may change; codes
 * are for programs and may not.
 */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: HttpStatus,
    message: string,
    readonly details?: string[],
  ) {
    super(message);
    this.name = 'DomainException';
  }

  /** Seconds a client should wait before trying again (sent as Retry-After), for 429s. */
  retryAfterSeconds?: number;

  static tooManyRequests(retryAfterSeconds: number): DomainException {
    const exception = new DomainException(
      ErrorCode.TooManyRequests,
      HttpStatus.TOO_MANY_REQUESTS,
      `Too many attempts: try again in ${retryAfterSeconds} s`,
    );
    exception.retryAfterSeconds = retryAfterSeconds;
    return exception;
  }

  static notFound(what: string, code: ErrorCode = ErrorCode.NotFound): DomainException {
    return new DomainException(code, HttpStatus.NOT_FOUND, `${what} not found`);
  }

  static badRequest(message: string, code: ErrorCode = ErrorCode.BadRequest): DomainException {
    return new DomainException(code, HttpStatus.BAD_REQUEST, message);
  }

  static conflict(message: string, code: ErrorCode = ErrorCode.Conflict): DomainException {
    return new DomainException(code, HttpStatus.CONFLICT, message);
  }

  static unauthorized(message = 'Authentication required', code: ErrorCode = ErrorCode.Unauthorized): DomainException {
    return new DomainException(code, HttpStatus.UNAUTHORIZED, message);
  }

  static forbidden(message = 'Not allowed', code: ErrorCode = ErrorCode.Forbidden): DomainException {
    return new DomainException(code, HttpStatus.FORBIDDEN, message);
  }
}
