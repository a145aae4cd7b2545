import { plainToInstance } from 'class-transformer';
import { IsString, validateSync } from 'class-validator';
import { hasUnsafeCharacters, SafeText, safeText } from './safe-text';

class NameDto {
  @SafeText()
  @IsString()
  name: string;
}

function check(name: unknown): { name: unknown; failed: string[]; code?: unknown } {
  const dto = plainToInstance(NameDto, { name });
  const errors = validateSync(dto);
  return {
    name: dto.name,
    failed: errors.flatMap((error) => Object.keys(error.constraints ?? {})),
    code: (errors[0]?.contexts?.safeText as { code?: unknown } | undefined)?.code,
  };
}

describe('SafeText', () => {
  it.each([
    '\u202A',
    '\u202B',
    '\u202C',
    '\u202D',
    '\u202E',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
    '\u200E',
    '\u200F',
    '\u061C',
    '\u200B',
    '\u200C',
    '\u200D',
    '\u2060',
    '\uFEFF',
  ])('refuses U+%s anywhere in a name, with the code UNSAFE_CHARACTERS', (char) => {
    const result = check(`invoice${char}fdp.exe`);
    expect(result.failed).toEqual(['safeText']);
    expect(result.code).toBe('UNSAFE_CHARACTERS');
    expect(hasUnsafeCharacters(char)).toBe(true);
  });

  it('stores names NFC-normalised and leaves other scripts alone', () => {
    expect(check('Jose\u0301').name).toBe('Jos\u00e9');
    for (const name of ['محمد العلي', '李明', 'Zoë Ødegård', 'עברית']) {
      expect(check(name)).toEqual({ name: name.normalize('NFC'), failed: [], code: undefined });
    }
  });

  it('safeText: the same rule for names that do not come through a DTO', () => {
    expect(safeText('Jose\u0301.pdf')).toBe('Jos\u00e9.pdf');
    expect(() => safeText('a\u202Eb', 'file name')).toThrow(expect.objectContaining({ code: 'UNSAFE_CHARACTERS' }));
  });
});
