import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { DomainException } from '../errors/domain.exception';
import { ErrorCode } from '../errors/error-code';

/**
 * Characters that make a name read differently from what it is (docs/security.md, "names"):
 * bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the
 * left-to-right, right-to-left and Arabic letter marks (U+200E, U+200F, U+061C), and zero-width
 * characters (U+200B–U+200D, U+2060, U+FEFF). "invoice\u202Efdp.exe" shows as "invoiceexe.pdf".
 */
export const UNSAFE_TEXT = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF]/u;

export const UNSAFE_TEXT_MESSAGE =
  'must not contain bidirectional control or zero-width characters (U+202A–U+202E, U+2066–U+2069, U+200B–U+200F, U+061C, U+2060, U+FEFF)';

export function hasUnsafeCharacters(value: string): boolean {
  return UNSAFE_TEXT.test(value);
}

/**
 * A name as stored: NFC-normalised, so "é" typed as e + U+0301 and as U+00E9 are one name, or
 * 400 UNSAFE_CHARACTERS. For names that do not come through a DTO (an uploaded file's name).
 */
export function safeText(value: string, field = 'name'): string {
  if (hasUnsafeCharacters(value)) {
    throw DomainException.badRequest(`${field} ${UNSAFE_TEXT_MESSAGE}`, ErrorCode.UnsafeCharacters);
  }
  return value.normalize('NFC');
}

const toNfc = ({ value }: { value: unknown }): unknown => {
  if (typeof value === 'string') {
    return value.normalize('NFC');
  }
  if (Array.isArray(value)) {
    return value.map((item: unknown) => (typeof item === 'string' ? item.normalize('NFC') : item));
  }
  return value;
};

/**
 * DTO field decorator for names people read (display names, group, thread, curriculum and file
 * names): stores them NFC-normalised and refuses bidirectional controls and zero-width characters
 * with 400 UNSAFE_CHARACTERS (the validation pipe takes the code from the constraint's context).
 */
export function SafeText(options: ValidationOptions = {}): PropertyDecorator {
  const transform = Transform(toNfc);
  const validate = ValidateBy(
    {
      name: 'safeText',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !hasUnsafeCharacters(value),
        defaultMessage: () => `$property ${UNSAFE_TEXT_MESSAGE}`,
      },
    },
    { ...options, context: { code: ErrorCode.UnsafeCharacters } },
  );
  return (target: object, property: string | symbol) => {
    transform(target, property);
    validate(target, property);
  };
}
