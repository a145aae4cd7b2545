import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainErrorKind, DomainException, ErrorCode } from '@app/common';
import { HttpExceptionFilter } from './http-exception.filter';

describe(HttpExceptionFilter.name, () => {
  const sut = new HttpExceptionFilter();

  it('gives every kind of domain error a 4xx or 5xx status', () => {
    for (const kind of Object.values(DomainErrorKind)) {
      expect(sut.toBody(new DomainException(ErrorCode.BadRequest, kind, 'x')).statusCode).toBeGreaterThanOrEqual(400);
    }
    expect(sut.toBody(DomainException.tooLarge('big')).statusCode).toBe(413);
    expect(sut.toBody(DomainException.unavailable('down')).statusCode).toBe(503);
    expect(sut.toBody(DomainException.rangeNotSatisfiable()).statusCode).toBe(416);
    expect(sut.toBody(DomainException.unsupportedType('multipart')).statusCode).toBe(415);
  });

  it('maps a domain exception to its status and stable code', () => {
    expect(sut.toBody(DomainException.conflict('Email taken', ErrorCode.EmailTaken))).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'Email taken',
      code: 'EMAIL_TAKEN',
    });
  });

  it('keeps field problems of a validation failure', () => {
    const body = sut.toBody(
      new DomainException(ErrorCode.ValidationFailed, DomainErrorKind.Invalid, 'a; b', ['a', 'b']),
    );
    expect(body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: ['a', 'b'] });
  });

  it('gives Nest HTTP exceptions a code from their status', () => {
    expect(sut.toBody(new NotFoundException('Cannot GET /x'))).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Cannot GET /x',
      code: 'NOT_FOUND',
    });
    expect(sut.toBody(new BadRequestException(['x must be a string']))).toMatchObject({
      statusCode: 400,
      code: 'BAD_REQUEST',
      details: ['x must be a string'],
    });
  });

  it('passes through client errors raised by Fastify itself', () => {
    const fastifyError = Object.assign(new Error('Request body is too large'), {
      statusCode: 413,
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
    });
    expect(sut.toBody(fastifyError)).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('hides unknown errors behind a 500 with an error id and no stack', () => {
    const body = sut.toBody(new TypeError('secret internals at /srv/app.js:12'));
    expect(body).toMatchObject({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' });
    expect(body.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(body)).not.toContain('secret internals');
  });
});
