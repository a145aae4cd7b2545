import { ValidationError, ValidationPipe } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
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
    super(code, DomainErrorKind.Invalid, problems.join('; '), problems);
  }
}

const NULLABLE = Symbol('clearance:nullable');

/**
 * Marks a DTO property where `null` is a value (it clears, e.g. a licence's `seatCap`). Everywhere
 * else the pipe refuses `null`, also for optional properties (docs/api-input.md); document it with
 * `nullable: true` in the property's `@ApiProperty`.
 */
export const Nullable = (): PropertyDecorator => (target, key) => Reflect.defineMetadata(NULLABLE, true, target, key);

function isDtoInstance(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype !== null && prototype !== Object.prototype;
}

/**
 * `null` in a property not marked {@link Nullable}: class-validator's `@IsOptional` lets it through
 * to the service, which would write it into a NOT NULL column. Nested DTOs are checked too.
 */
function nullErrors(object: Record<string, unknown>, already: ValidationError[]): ValidationError[] {
  const reported = new Set(already.map((error) => error.property));
  const errors: ValidationError[] = [];
  for (const key of Object.keys(object)) {
    if (key === 'constructor' || reported.has(key)) {
      continue;
    }
    const value = object[key];
    if (value === null) {
      if (!Reflect.getMetadata(NULLABLE, object, key)) {
        errors.push({ property: key, constraints: { isNotNull: `${key} must not be null` }, children: [] });
      }
      continue;
    }
    const nested = Array.isArray(value) ? value : [value];
    const children = nested.flatMap((item, index) => {
      if (!isDtoInstance(item)) {
        return [];
      }
      const inner = nullErrors(item, []);
      return Array.isArray(value) && inner.length > 0
        ? [{ property: String(index), children: inner, constraints: {} }]
        : inner;
    });
    if (children.length > 0) {
      errors.push({ property: key, children, constraints: {} });
    }
  }
  return errors;
}

/** ValidationPipe that also refuses `null` where a property is not {@link Nullable}. */
class ClearanceValidationPipe extends ValidationPipe {
  protected override async validate(object: object, validatorOptions?: ValidatorOptions): Promise<ValidationError[]> {
    const errors = await super.validate(object, validatorOptions);
    return isDtoInstance(object) ? [...errors, ...nullErrors(object, errors)] : errors;
  }
}

/**
 * The one validation pipe: unknown properties are refused, known ones transformed to their types,
 * and `null` only accepted where a property says so.
 */
export function createValidationPipe(): ValidationPipe {
  return new ClearanceValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new ValidationFailedException(flatten(errors), contextCode(errors)),
  });
}
