import { randomBytes } from 'node:crypto';

/** Crockford's base32 alphabet (no I, L, O, U) and, after it, the five extra check symbols. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK_SYMBOLS = `${ALPHABET}*~$=U`;

/** 15 symbols of 5 bits: 75 random bits, then one check symbol; shown as four groups of four. */
export const CODE_DATA_LENGTH = 15;
export const CODE_LENGTH = CODE_DATA_LENGTH + 1;

export type CodeProblem = 'malformed' | 'check';

/** The check symbol of Crockford's base32: the number the symbols spell, modulo 37. */
export function checkSymbol(data: string): string {
  let value = 0n;
  for (const symbol of data) value = value * 32n + BigInt(ALPHABET.indexOf(symbol));
  return CHECK_SYMBOLS[Number(value % 37n)];
}

/** A new code in its stored (normalized, ungrouped) form: 75 bits from the system's CSPRNG. */
export function generateVerificationCode(random: (size: number) => Buffer = randomBytes): string {
  const bytes = random(10); // 80 bits, of which the first 75 are used
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  bits >>= 5n;
  let data = '';
  for (let i = CODE_DATA_LENGTH - 1; i >= 0; i--) data += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return data + checkSymbol(data);
}

/**
 * What a person typed, as stored: case ignored, hyphens and spaces dropped, I and L read as 1, O as
 * 0 (Crockford's decoding rules). Not a well-formed code → 'malformed'; a wrong check symbol (one
 * symbol mistyped, two adjacent ones swapped) → 'check'.
 */
export function normalizeVerificationCode(input: string): { code: string } | { problem: CodeProblem } {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (cleaned.length !== CODE_LENGTH) return { problem: 'malformed' };
  const data = cleaned.slice(0, CODE_DATA_LENGTH);
  const check = cleaned[CODE_DATA_LENGTH];
  if ([...data].some((symbol) => !ALPHABET.includes(symbol)) || !CHECK_SYMBOLS.includes(check)) {
    return { problem: 'malformed' };
  }
  return checkSymbol(data) === check ? { code: cleaned } : { problem: 'check' };
}

/** The stored code as people read it: XXXX-XXXX-XXXX-XXXX. */
export function formatVerificationCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}
