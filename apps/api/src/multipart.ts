import { HttpException } from '@nestjs/common';
import { DomainException, ErrorCode } from '@app/common';

/**
 * An error met while reading a multipart body, as the client's fault when it is: busboy reports a
 * missing boundary, a truncated form or a malformed part header as a plain `Error` (a 500 until
 * issue 12). Errors of the disk (they carry a syscall), HTTP errors (413, 415…) and programming
 * errors (TypeError…) pass through unchanged.
 */
export function malformedMultipart(error: unknown): unknown {
  if (error instanceof DomainException || error instanceof HttpException || !(error instanceof Error)) {
    return error;
  }
  const details = error as Error & { statusCode?: unknown; syscall?: unknown };
  if (
    Object.getPrototypeOf(error) !== Error.prototype ||
    details.statusCode !== undefined ||
    details.syscall !== undefined
  ) {
    return error;
  }
  return DomainException.badRequest(
    `The body is not well-formed multipart/form-data: ${error.message}`,
    ErrorCode.BadRequest,
  );
}
