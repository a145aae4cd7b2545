import { registerDecorator, ValidationOptions } from 'class-validator';

/**
 * A finite number with at most `places` decimals. class-validator's `IsNumber({ maxDecimalPlaces })`
 * throws a TypeError (a 500) on numbers JavaScript writes with an exponent, such as 9e-323
 * (docs/api-input.md); this reads the digits through toFixed instead.
 */
export function hasAtMostDecimals(value: unknown, places: number): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return false;
  }
  return Math.abs(value) >= 1e15 ? Number.isInteger(value) : Number(value.toFixed(places)) === value;
}

export const IsDecimalNumber =
  (places: number, options?: ValidationOptions): PropertyDecorator =>
  (target, propertyName) =>
    registerDecorator({
      name: 'isDecimalNumber',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [places],
      options: { message: `$property must be a number with at most ${places} decimal(s)`, ...options },
      validator: { validate: (value: unknown) => hasAtMostDecimals(value, places) },
    });
