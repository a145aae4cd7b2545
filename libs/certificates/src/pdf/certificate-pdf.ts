import QRCode from 'qrcode';
import { paperFor, PdfLanguage, startDocument, writeText } from './pdf-text';

export { paperFor, scriptRuns } from './pdf-text';
export type { PdfLanguage } from './pdf-text';

/**
 * The certificate's PDF (docs/certificates.md), with the fonts and script runs of ./pdf-text. The
 * QR code holds the verification URL with the signed statement as its fragment: a phone's camera
 * opens the verify page, which checks the code online and the statement against trusted keys.
 */
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

/** What the QR code holds: the verify URL, the statement as its fragment (never sent to a server). */
export function qrContent(verifyUrl: string, statement: string): string {
  return `${verifyUrl}#${statement}`;
}

export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  const t = TEXTS[input.language];
  const { doc, bytes } = startDocument({
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
  const width = doc.page.width - 112;
  const line = (text: string, size: number, gap = 8) => {
    writeText(doc, text, { size, x: 56, width, align: 'center' });
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
  const qr = await QRCode.toBuffer(qrContent(input.verifyUrl, input.statement), {
    errorCorrectionLevel: 'L',
    margin: 1,
    width: 600,
  });
  doc.image(qr, doc.page.width - 40 - 130, doc.page.height - 40 - 130, { width: 130, height: 130 });
  doc.end();
  return bytes;
}
