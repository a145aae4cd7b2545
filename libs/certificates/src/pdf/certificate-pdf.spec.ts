import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { CertificatePdfInput, paperFor, qrContent, renderCertificatePdf, scriptRuns } from './certificate-pdf';

/** An 8-bit PNG (grey or RGB) as pdftoppm writes it: its size and each pixel's darkness (0 black, 255 white). */
function readPng(png: Buffer): { width: number; height: number; pixel(x: number, y: number): number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const idat: Buffer[] = [];
  let width = 0;
  let height = 0;
  let channels = 1;
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect({ depth: data[8], interlace: data[12] }).toEqual({ depth: 8, interlace: 0 });
      expect([0, 2]).toContain(data[9]);
      channels = data[9] === 2 ? 3 : 1;
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const left = x >= channels ? rows[y * stride + x - channels] : 0;
      const up = y > 0 ? rows[(y - 1) * stride + x] : 0;
      const corner = x >= channels && y > 0 ? rows[(y - 1) * stride + x - channels] : 0;
      const paeth = () => {
        const p = left + up - corner;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - corner)];
        return pa <= pb && pa <= pc ? left : pb <= pc ? up : corner;
      };
      const predicted = [0, left, up, (left + up) >> 1, filter === 4 ? paeth() : 0][filter];
      rows[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  return {
    width,
    height,
    pixel: (x, y) => {
      let sum = 0;
      for (let c = 0; c < channels; c++) sum += rows[y * stride + x * channels + c];
      return sum / channels;
    },
  };
}

const arabic = /[\u0600-\u06ff]/;

function pdfText(pdf: Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'clearance-pdf-')), 'certificate.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
}

describe('certificate PDF', () => {
  it('picks US Letter for the Americas that use it, A4 elsewhere', () => {
    expect(paperFor('US')).toBe('LETTER');
    expect(paperFor('MX')).toBe('LETTER');
    expect(paperFor('KE')).toBe('A4');
    expect(paperFor(null)).toBe('A4');
  });

  it('splits text into runs by script', () => {
    expect(scriptRuns('Amina أمينة Иван')).toEqual([
      { face: 'latin', text: 'Amina ' },
      { face: 'arabic', text: 'أمينة ' },
      { face: 'cyrillic', text: 'Иван' },
    ]);
  });

  it('holds the name in Latin, Arabic and Cyrillic script, the title, code and statement', async () => {
    const sut = await renderCertificatePdf({
      learnerName: 'Amina أمينة Иванова',
      courseTitle: 'Règles d’origine',
      language: 'fr',
      country: 'MA',
      completedAt: new Date('2026-12-01T10:00:00Z'),
      estimatedHours: 4,
      spentSeconds: 5400,
      scoreScaled: 0.85,
      issuer: 'Kenya Revenue Authority, KE',
      platform: 'Clearance',
      code: '0123-4567-89AB-CDE5',
      verifyUrl: 'https://lms.example/verify/0123-4567-89AB-CDE5',
      statement: 'CLC1.payload.signature',
    });
    expect(sut.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(sut);
    for (const expected of ['Amina', 'أمينة', 'Иванова', 'Règles d’origine', '0123-4567-89AB-CDE5', '85%', '1,5']) {
      expect(text).toContain(expected);
    }
    const info = execFileSync('pdfinfo', ['-'], { input: sut }).toString('utf8');
    expect(info).toContain('CLC1.payload.signature');
  });

  it('renders to a non-blank A4 PNG with the Arabic name drawn, and extracts it in logical order', async () => {
    const input: CertificatePdfInput = {
      learnerName: 'أمينة العلوي',
      courseTitle: 'Rules of origin',
      language: 'en',
      country: 'KE',
      completedAt: new Date('2026-12-01T10:00:00Z'),
      estimatedHours: 4,
      spentSeconds: 5400,
      scoreScaled: null,
      issuer: 'Kenya Revenue Authority, KE',
      platform: 'Clearance',
      code: '0123-4567-89AB-CDE5',
      verifyUrl: 'https://lms.example/verify/0123-4567-89AB-CDE5',
      statement: 'CLC1.payload.signature',
    };
    const folder = mkdtempSync(path.join(tmpdir(), 'clearance-pdf-png-'));
    const file = path.join(folder, 'certificate.pdf');
    writeFileSync(file, await renderCertificatePdf(input));

    // Rendered by poppler at 72 dpi: one pixel per point, A4 landscape (841.89 × 595.28 pt).
    execFileSync('pdftoppm', ['-png', '-gray', '-r', '72', '-singlefile', file, path.join(folder, 'page')]);
    const png = readPng(readFileSync(path.join(folder, 'page.png')));
    expect([png.width, png.height]).toEqual([842, 596]);
    let ink = 0;
    for (let y = 0; y < png.height; y++) for (let x = 0; x < png.width; x++) if (png.pixel(x, y) < 128) ink++;
    expect(ink / (png.width * png.height)).toBeGreaterThan(0.01);
    expect(ink / (png.width * png.height)).toBeLessThan(0.3);

    // The Arabic words' boxes, as poppler places them, hold ink: the name is drawn, not left blank.
    const boxes = [
      ...execFileSync('pdftotext', ['-bbox', file, '-'])
        .toString('utf8')
        .matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
    ].filter((match) => arabic.test(match[5]));
    expect(boxes.length).toBeGreaterThan(0);
    const [x0, y0, x1, y1] = [1, 2, 3, 4].map((i) =>
      i <= 2 ? Math.min(...boxes.map((b) => Number(b[i]))) : Math.max(...boxes.map((b) => Number(b[i]))),
    );
    let nameInk = 0;
    for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
      for (let x = Math.floor(x0); x < Math.ceil(x1); x++) if (png.pixel(x, y) < 128) nameInk++;
    }
    expect(nameInk / ((x1 - x0) * (y1 - y0))).toBeGreaterThan(0.05);

    // Extracted in logical order (first letter first, words in reading order), from the base
    // letters (the shaped glyphs map back to them, not to presentation forms), in Noto Sans Arabic.
    const text = execFileSync('pdftotext', [file, '-'])
      .toString('utf8')
      .replace(/[\u202a-\u202e\u200e\u200f]/g, '');
    expect(text.split('\n')).toContain('أمينة العلوي');
    expect(text).not.toMatch(/[\ufb50-\ufdff\ufe70-\ufeff]/);
    expect(execFileSync('pdffonts', [file]).toString('utf8')).toMatch(
      /\+NotoSansArabic-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/,
    );
  });

  it('puts the signed statement in the QR code, as the verify URL’s fragment', () => {
    expect(qrContent('https://lms.example/verify/0123-4567-89AB-CDE5', 'CLC1.p.s')).toBe(
      'https://lms.example/verify/0123-4567-89AB-CDE5#CLC1.p.s',
    );
  });
});
