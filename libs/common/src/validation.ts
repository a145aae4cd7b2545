import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorCode } from './errors/error-code';
import { DomainErrorKind, DomainException } from './errors/domain.exception';

function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const property = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((text) =>
      text.startsWith(error.property) ? `${property}${text.slice(error.property.length)}` : `${property}: ${text}`,
    );
    return [...own, ...flatten(error.children ?? [], property)];
  });
}

/** Field-level problems of a validation failure, as shown to clients. */
export class ValidationFailedException extends DomainException {
  constructor(readonly problems: string[]) {
    super(ErrorCode.ValidationFailed, DomainErrorKind.Invalid, problems.join('; '), problems);
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
    exceptionFactory: (errors) => new ValidationFailedException(flatten(errors)),
  });
}
