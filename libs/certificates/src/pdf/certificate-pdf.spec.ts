import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { paperFor, renderCertificatePdf, scriptRuns } from './certificate-pdf';

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
});
