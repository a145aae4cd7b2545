import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { FastifyReply } from 'fastify';
import { DomainErrorKind, DomainException, ErrorBody, ErrorCode } from '@app/common';

/** The HTTP status of each kind of domain error: the one place where the domain meets HTTP. */
export const STATUS_OF_KIND: Record<DomainErrorKind, HttpStatus> = {
  [DomainErrorKind.Invalid]: HttpStatus.BAD_REQUEST,
  [DomainErrorKind.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [DomainErrorKind.Forbidden]: HttpStatus.FORBIDDEN,
  [DomainErrorKind.NotFound]: HttpStatus.NOT_FOUND,
  [DomainErrorKind.Conflict]: HttpStatus.CONFLICT,
  [DomainErrorKind.TooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [DomainErrorKind.UnsupportedType]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [DomainErrorKind.RangeNotSatisfiable]: HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
  [DomainErrorKind.RateLimited]: HttpStatus.TOO_MANY_REQUESTS,
  [DomainErrorKind.Unavailable]: HttpStatus.SERVICE_UNAVAILABLE,
};

const codeForStatus: Partial<Record<number, ErrorCode>> = {
  400: ErrorCode.BadRequest,
  401: ErrorCode.Unauthorized,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  405: ErrorCode.MethodNotAllowed,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.TooManyRequests,
  503: ErrorCode.ServiceUnavailable,
};

/** Fastify's own errors (body parsing, limits) carry a statusCode and a FST_* code. */
interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/**
 * The one exception filter: every error leaves as `{statusCode, error, message, code}`. Unknown
 * errors become a 500 with an error id that is logged with the stack; the stack never reaches the
 * client.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error({ errorId: body.errorId, err: exception }, `Unhandled error ${body.errorId}`);
    }
    if (exception instanceof DomainException && exception.retryAfterSeconds !== undefined) {
      void reply.header('Retry-After', String(exception.retryAfterSeconds));
    }
    if (exception instanceof HttpException) {
      const retryAfter = (exception.getResponse() as { retryAfter?: number }).retryAfter;
      if (retryAfter !== undefined) {
        void reply.header('Retry-After', String(retryAfter));
      }
    }
    // A route may have set its own content headers (a CSV download) before failing: errors are JSON.
    void reply.removeHeader('Content-Disposition');
    void reply
      .status(body.statusCode)
      .header('Cache-Control', 'no-store')
      .type('application/json; charset=utf-8')
      .send(body);
  }

  toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainException) {
      const body = this.body(STATUS_OF_KIND[exception.kind], exception.code, exception.message);
      return exception.details ? { ...body, details: exception.details } : body;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response !== null) {
        const r = response as { message?: unknown; code?: unknown };
        const code = typeof r.code === 'string' ? (r.code as ErrorCode) : this.codeFor(status);
        if (Array.isArray(r.message)) {
          const details = r.message.map(String);
          return { ...this.body(status, code, details.join('; ')), details };
        }
        return this.body(status, code, typeof r.message === 'string' ? r.message : exception.message);
      }
      return this.body(status, this.codeFor(status), String(response));
    }
    const fastifyError = exception as FastifyLikeError | undefined;
    if (
      fastifyError &&
      typeof fastifyError.statusCode === 'number' &&
      fastifyError.statusCode >= 400 &&
      fastifyError.statusCode < 500
    ) {
      return this.body(fastifyError.statusCode, this.codeFor(fastifyError.statusCode), fastifyError.message ?? '');
    }
    return {
      ...this.body(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.InternalError, 'Internal server error'),
      errorId: randomUUID(),
    };
  }

  private codeFor(status: number): ErrorCode {
    return codeForStatus[status] ?? (status >= 500 ? ErrorCode.InternalError : ErrorCode.BadRequest);
  }

  private body(statusCode: number, code: ErrorCode, message: string): ErrorBody {
    return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, code };
  }
}
