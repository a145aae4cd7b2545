import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/**
 * The certificate's PDF (docs/certificates.md): pdfkit with Noto Sans from @fontsource (WOFF, which
 * pdfkit's fontkit reads and embeds as subsets). Text is split into runs by script, each in the
 * Noto face that covers it; fontkit shapes Arabic runs (joining forms) and lays them out right to
 * left. A line mixing scripts keeps its runs in logical order (a full bidi reordering of mixed
 * lines is not done).
 */
const FONT_FILES = {
  latin: require.resolve('@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff'),
  latinExt: require.resolve('@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff'),
  cyrillic: require.resolve('@fontsource/noto-sans/files/noto-sans-cyrillic-400-normal.woff'),
  arabic: require.resolve('@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff'),
} as const;
type Face = keyof typeof FONT_FILES;

/** Countries that use US Letter paper; every other gets A4. */
const LETTER_COUNTRIES = new Set(['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE', 'GT', 'CR', 'PA', 'DO', 'PR', 'SV']);

export type PdfLanguage = 'en' | 'fr' | 'es';

const TEXTS: Record<PdfLanguage, Record<string, string>> = {
  en: {
    heading: 'Certificate of completion',
    certifies: 'This certifies that',
    completed: 'completed the course',
    on: 'Completed on',
    hours: 'Hours: estimated %e, spent %s',
    score: 'Score',
    issuer: 'Issued by',
    code: 'Verification code',
    verify: 'Verify at',
  },
  fr: {
    heading: 'Certificat de réussite',
    certifies: 'Il est certifié que',
    completed: 'a terminé le cours',
    on: 'Terminé le',
    hours: 'Heures : estimées %e, passées %s',
    score: 'Note',
    issuer: 'Délivré par',
    code: 'Code de vérification',
    verify: 'Vérifier sur',
  },
  es: {
    heading: 'Certificado de finalización',
    certifies: 'Se certifica que',
    completed: 'completó el curso',
    on: 'Completado el',
    hours: 'Horas: estimadas %e, dedicadas %s',
    score: 'Puntuación',
    issuer: 'Emitido por',
    code: 'Código de verificación',
    verify: 'Verificar en',
  },
};

export interface CertificatePdfInput {
  learnerName: string;
  courseTitle: string;
  language: PdfLanguage;
  country: string | null;
  completedAt: Date;
  estimatedHours: number | null;
  spentSeconds: number;
  scoreScaled: number | null;
  issuer: string;
  platform: string;
  /** Grouped: XXXX-XXXX-XXXX-XXXX. */
  code: string;
  verifyUrl: string;
  statement: string;
}

export function paperFor(country: string | null): 'A4' | 'LETTER' {
  return country && LETTER_COUNTRIES.has(country) ? 'LETTER' : 'A4';
}

/** Splits text into runs of one script each (spaces join the run they follow). */
export function scriptRuns(text: string): Array<{ face: Face; text: string }> {
  const runs: Array<{ face: Face; text: string }> = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    let face: Face | null =
      (code >= 0x0600 && code <= 0x06ff) ||
      (code >= 0x0750 && code <= 0x077f) ||
      (code >= 0x08a0 && code <= 0x08ff) ||
      (code >= 0xfb50 && code <= 0xfdff) ||
      (code >= 0xfe70 && code <= 0xfeff)
        ? 'arabic'
        : code >= 0x0400 && code <= 0x052f
          ? 'cyrillic'
          : code > 0x024f || code < 0x20 || /\s/.test(char)
            ? null
            : code > 0x00ff
              ? 'latinExt'
              : 'latin';
    const last = runs[runs.length - 1];
    if (face === null) face = last?.face ?? 'latin';
    if (last && last.face === face) last.text += char;
    else runs.push({ face, text: char });
  }
  return runs;
}

export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  const t = TEXTS[input.language];
  const doc = new PDFDocument({
    size: paperFor(input.country),
    layout: 'landscape',
    margin: 56,
    info: {
      Title: `${t.heading}: ${input.courseTitle}`,
      Author: input.issuer,
      Subject: input.code,
      Creator: input.platform,
      // The signed statement, checkable offline (POST /api/verify/statement).
      Keywords: input.statement,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const [face, file] of Object.entries(FONT_FILES)) doc.registerFont(face, file);
  const width = doc.page.width - 112;
  const line = (text: string, size: number, gap = 8) => {
    const runs = scriptRuns(text);
    doc.fontSize(size);
    runs.forEach((run, index) => {
      doc.font(run.face).text(run.text, index === 0 ? 56 : undefined, undefined, {
        width,
        align: 'center',
        continued: index < runs.length - 1,
        features: run.face === 'arabic' ? ['rlig', 'calt', 'liga', 'init', 'medi', 'fina', 'isol'] : undefined,
      });
    });
    doc.moveDown(gap / size);
  };
  doc.moveDown(1);
  line(t.heading, 30, 16);
  line(t.certifies, 14);
  line(input.learnerName, 26, 12);
  line(t.completed, 14);
  line(input.courseTitle, 20, 16);
  const date = new Intl.DateTimeFormat(input.language, { dateStyle: 'long', timeZone: 'UTC' }).format(
    input.completedAt,
  );
  line(`${t.on} ${date}`, 12);
  const hours = (value: number) => new Intl.NumberFormat(input.language, { maximumFractionDigits: 1 }).format(value);
  line(
    t.hours
      .replace('%e', input.estimatedHours === null ? '—' : hours(input.estimatedHours))
      .replace('%s', hours(input.spentSeconds / 3600)),
    12,
  );
  if (input.scoreScaled !== null) line(`${t.score}: ${Math.round(input.scoreScaled * 100)}%`, 12);
  line(`${t.issuer} ${input.issuer} · ${input.platform}`, 12, 16);
  line(`${t.code}: ${input.code}`, 14);
  line(`${t.verify} ${input.verifyUrl}`, 10);
  const qr = await QRCode.toBuffer(input.verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
  doc.image(qr, doc.page.width - 56 - 100, doc.page.height - 56 - 100, { width: 100, height: 100 });
  doc.end();
  return done;
}
