import { cleanFileName, contentDisposition, contentTypeFor, isInlineType } from './file-types';

describe('group file types', () => {
  it('derives the type from the extension and shows only safe types inline', () => {
    expect(contentTypeFor('session.mp4')).toBe('video/mp4');
    expect(isInlineType(contentTypeFor('session.mp4'))).toBe(true);
    expect(isInlineType(contentTypeFor('slides.pdf'))).toBe(true);
    expect(isInlineType(contentTypeFor('logo.svg'))).toBe(false);
    expect(isInlineType(contentTypeFor('page.html'))).toBe(false);
    expect(contentTypeFor('no-extension')).toBe('application/octet-stream');
  });

  it('keeps a name as a label only', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\x\\report.docx')).toBe('report.docx');
    expect(cleanFileName('a\u0000b\r\n.txt')).toBe('ab.txt');
    expect(cleanFileName('')).toBe('file');
  });

  it('writes Content-Disposition that no name can break out of', () => {
    expect(contentDisposition('attachment', 'Évaluation "x".pdf')).toBe(
      `attachment; filename="_valuation _x_.pdf"; filename*=UTF-8''%C3%89valuation%20%22x%22.pdf`,
    );
    const header = contentDisposition('attachment', 'a";\r\nSet-Cookie: x=1');
    expect(header).not.toMatch(/[\r\n]/);
  });
});
