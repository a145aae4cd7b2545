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
    '202A',
    '202B',
    '202C',
    '202D',
    '202E',
    '2066',
    '2067',
    '2068',
    '2069',
    '200E',
    '200F',
    '061C',
    '200B',
    '200C',
    '200D',
    '2060',
    'FEFF',
  ])('refuses U+%s anywhere in a name, with the code UNSAFE_CHARACTERS', (hex) => {
    const char = String.fromCodePoint(parseInt(hex, 16));
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
