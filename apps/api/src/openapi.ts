import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiResponse } from '@nestjs/swagger';
import { ErrorBody } from '@app/common';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (code VALIDATION_FAILED or a domain code)',
  401: 'Not signed in, or the session ended',
  403: 'Signed in, but not allowed',
  404: 'Not found, or not visible to the caller',
  409: 'Conflicts with the current state',
  415: 'Not the media type the route takes (code UNSUPPORTED_MEDIA_TYPE)',
  429: 'Too many attempts: see Retry-After',
};

/** Documents the error responses of a route with the one error body. */
export const ApiErrors = (...statuses: number[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, type: ErrorBody, description: DESCRIPTIONS[status] })),
  );

/** A 200 whose body is a file (or a document) of `contentType`, not JSON. */
export const ApiFileResponse = (contentType: string, description: string): MethodDecorator & ClassDecorator =>
  ApiOkResponse({ description, content: { [contentType]: { schema: { type: 'string', format: 'binary' } } } });
