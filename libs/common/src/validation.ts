import { HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorCode } from './errors/error-code';
import { DomainException } from './errors/domain.exception';

function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const property = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((text) =>
      text.startsWith(error.property) ? `${property}${text.slice(error.property.length)}` : `${property}: ${text}`,
    );
    return [...own, ...flatten(error.children ?? [], property)];
  });
}

/** A code a constraint asks for through its `context` (e.g. UNSAFE_CHARACTERS), the first one found. */
function contextCode(errors: ValidationError[]): ErrorCode | undefined {
  for (const error of errors) {
    for (const context of Object.values(error.contexts ?? {})) {
      const code = (context as { code?: unknown } | undefined)?.code;
      if (typeof code === 'string' && (Object.values(ErrorCode) as string[]).includes(code)) {
        return code as ErrorCode;
      }
    }
    const nested = contextCode(error.children ?? []);
    if (nested) {
      return nested;
    }
  }
  return undefined;
}

/** Field-level problems of a validation failure, as shown to clients. */
export class ValidationFailedException extends DomainException {
  constructor(
    readonly problems: string[],
    code: ErrorCode = ErrorCode.ValidationFailed,
  ) {
    super(code, HttpStatus.BAD_REQUEST, problems.join('; '), problems);
  }
}

/** The one validation pipe: unknown properties are refused, known ones transformed to their types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new ValidationFailedException(flatten(errors), contextCode(errors)),
  });
}
