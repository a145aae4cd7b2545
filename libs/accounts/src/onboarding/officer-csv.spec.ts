import { OfficerCsvError, parseOfficerCsv } from './officer-csv';

const csv = (text: string) => Buffer.from(text, 'utf8');

describe('parseOfficerCsv', () => {
  it('reads a header in any language and order, `;` or `,`, a BOM and CRLF line ends', () => {
    const sut = parseOfficerCsv(csv('\ufeffNom;Courriel;Fonction\r\nAwa Diallo;Awa@Example.org;Agent\r\n'));
    expect(sut).toEqual({
      rows: [{ line: 2, email: 'awa@example.org', displayName: 'Awa Diallo', jobTitle: 'Agent', language: null }],
      rejected: [],
    });
    const comma = parseOfficerCsv(csv('email,name,job title,language\n"a@example.org","Diallo, Awa",,es\n'));
    expect(comma.rows[0]).toMatchObject({ displayName: 'Diallo, Awa', jobTitle: '', language: 'es' });
  });

  it('takes a first line holding an address as the first officer (columns e-mail, name, job title)', () => {
    const sut = parseOfficerCsv(csv('a@example.org;Awa;Agent\nb@example.org;Binta;Chef\n'));
    expect(sut.rows.map((row) => [row.line, row.email])).toEqual([
      [1, 'a@example.org'],
      [2, 'b@example.org'],
    ]);
  });

  it('reports bad rows by line, counting the lines a quoted field spans and skipping blank ones', () => {
    const sut = parseOfficerCsv(
      csv(
        'email;name\n' +
          'bad;Nobody\n' +
          '\n' +
          'a@example.org;"Awa\nDiallo"\n' +
          'A@example.org;Again\n' +
          'c@example.org;\n' +
          `d@example.org;${'x'.repeat(121)}\n` +
          'e@example.org;Eve\u202Egnp.exe\n',
      ),
    );
    expect(sut.rows.map((row) => row.line)).toEqual([4]);
    expect(sut.rejected.map((row) => [row.line, row.problem])).toEqual([
      [2, 'INVALID_EMAIL'],
      [6, 'DUPLICATE_IN_FILE'],
      [7, 'MISSING_NAME'],
      [8, 'NAME_TOO_LONG'],
      [9, 'UNSAFE_CHARACTERS'],
    ]);
  });

  it('refuses a file that is not UTF-8, has no usable header, is empty, or is too long', () => {
    const code = (bytes: Buffer) => {
      try {
        parseOfficerCsv(bytes);
      } catch (error) {
        return (error as OfficerCsvError).code;
      }
      return 'read';
    };
    expect(code(Buffer.from([0x6e, 0x6f, 0x6d, 0xe9, 0x0a]))).toBe('CSV_NOT_UTF8');
    expect(code(csv('who;what\nx;y\n'))).toBe('CSV_HEADER_INVALID');
    expect(code(csv('\n\n'))).toBe('CSV_EMPTY');
    expect(code(csv('email;name\n"a@example.org;Awa\n'))).toBe('CSV_MALFORMED');
    const many = ['email;name', ...Array.from({ length: 10_001 }, (_, i) => `o${i}@example.org;Officer`)].join('\n');
    expect(code(csv(many))).toBe('CSV_TOO_MANY_ROWS');
  });
});
