import PDFDocument from 'pdfkit';

/**
 * What the certificate and the transcript PDFs share (docs/certificates.md): Noto Sans from
 * @fontsource (WOFF, which pdfkit's fontkit reads and embeds as subsets), text split into runs by
 * script, each in the Noto face that covers it; fontkit shapes Arabic runs (joining forms) and lays
 * them out right to left. A line mixing scripts keeps its runs in logical order (a full bidi
 * reordering of mixed lines is not done). Paper: US Letter where the learner's country uses it.
 */
const FONT_FILES = {
  latin: require.resolve('@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff'),
  latinExt: require.resolve('@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff'),
  cyrillic: require.resolve('@fontsource/noto-sans/files/noto-sans-cyrillic-400-normal.woff'),
  arabic: require.resolve('@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff'),
} as const;
export type Face = keyof typeof FONT_FILES;

const ARABIC_FEATURES: PDFKit.Mixins.OpenTypeFeatures[] = ['rlig', 'calt', 'liga', 'init', 'medi', 'fina', 'isol'];

/** Countries that use US Letter paper; every other gets A4. */
const LETTER_COUNTRIES = new Set(['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE', 'GT', 'CR', 'PA', 'DO', 'PR', 'SV']);

export type PdfLanguage = 'en' | 'fr' | 'es';

export function pdfLanguage(language: string | null | undefined): PdfLanguage {
  return (['en', 'fr', 'es'] as const).find((l) => l === language) ?? 'en';
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

/** A new document with the Noto faces registered, and the promise of its bytes once ended. */
export function startDocument(options: PDFKit.PDFDocumentOptions): { doc: PDFKit.PDFDocument; bytes: Promise<Buffer> } {
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const [face, file] of Object.entries(FONT_FILES)) doc.registerFont(face, file);
  return { doc, bytes };
}

/**
 * Writes one paragraph of text, each script run in its face, at `x` (the left margin when not
 * given) and the current position, `width` wide.
 */
export function writeText(
  doc: PDFKit.PDFDocument,
  text: string,
  options: { size: number; x?: number; y?: number; width: number; align?: 'left' | 'center' | 'right' },
): void {
  const runs = scriptRuns(text || ' ');
  doc.fontSize(options.size);
  runs.forEach((run, index) => {
    doc
      .font(run.face)
      .text(
        run.text,
        index === 0 ? (options.x ?? doc.page.margins.left) : undefined,
        index === 0 ? options.y : undefined,
        {
          width: options.width,
          align: options.align ?? 'left',
          continued: index < runs.length - 1,
          features: run.face === 'arabic' ? ARABIC_FEATURES : undefined,
        },
      );
  });
}
