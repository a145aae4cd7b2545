import {
  checkSymbol,
  CODE_LENGTH,
  formatVerificationCode,
  generateVerificationCode,
  normalizeVerificationCode,
} from './verification-code';

describe('verification codes (Crockford base32 with a mod-37 check symbol)', () => {
  it('computes the check symbol as the value modulo 37', () => {
    expect(checkSymbol('0')).toBe('0');
    expect(checkSymbol('Z')).toBe('Z'); // 31
    expect(checkSymbol('10')).toBe('*'); // 32
    expect(checkSymbol('14')).toBe('U'); // 36
    expect(checkSymbol('15')).toBe('0'); // 37
    expect(checkSymbol('16')).toBe('1'); // 38 mod 37
  });

  it('makes 16-symbol codes, four groups of four, that pass their own check', () => {
    const sut = generateVerificationCode();
    expect(sut).toHaveLength(CODE_LENGTH);
    expect(formatVerificationCode(sut)).toMatch(/^[0-9A-Z*~$=]{4}(-[0-9A-Z*~$=]{4}){3}$/);
    expect(normalizeVerificationCode(formatVerificationCode(sut))).toEqual({ code: sut });
  });

  it('uses 75 random bits: all-ones and all-zeros inputs give the extremes', () => {
    expect(generateVerificationCode((size) => Buffer.alloc(size, 0))).toBe('0000000000000000');
    expect(generateVerificationCode((size) => Buffer.alloc(size, 0xff)).slice(0, 15)).toBe('Z'.repeat(15));
    const seen = new Set(Array.from({ length: 2000 }, () => generateVerificationCode()));
    expect(seen.size).toBe(2000);
  });

  it('reads lower case, hyphens, spaces, I/L as 1 and O as 0', () => {
    const code = generateVerificationCode((size) => Buffer.alloc(size, 0x08));
    const typed = formatVerificationCode(code).toLowerCase().replace(/1/g, 'l').replace(/0/g, 'o');
    expect(normalizeVerificationCode(` ${typed} `)).toEqual({ code });
    expect(normalizeVerificationCode(code.replace(/1/g, 'I'))).toEqual({ code });
  });

  it('refuses every single-symbol change by its check symbol', () => {
    const code = generateVerificationCode();
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    for (let position = 0; position < 15; position++) {
      for (const symbol of alphabet) {
        if (symbol === code[position]) continue;
        const changed = code.slice(0, position) + symbol + code.slice(position + 1);
        expect(normalizeVerificationCode(changed)).toEqual({ problem: 'check' });
      }
    }
  });

  it('refuses a swap of two adjacent different symbols', () => {
    const code = '0123456789ABCDE';
    const full = code + checkSymbol(code);
    const swapped = full.slice(0, 3) + full[4] + full[3] + full.slice(5);
    expect(normalizeVerificationCode(swapped)).toEqual({ problem: 'check' });
  });

  it.each(['', 'abc', '0000-0000-0000-000', '0000-0000-0000-00000', 'U000000000000000', '00000000000000#0'])(
    'calls %p malformed',
    (input) => {
      expect(normalizeVerificationCode(input)).toEqual({ problem: 'malformed' });
    },
  );
});
