import { paperFor, PdfLanguage, startDocument, writeText } from './pdf-text';

/**
 * The learner's transcript as a PDF (docs/certificates.md): every completed course with its dates,
 * hours, score and certificate code, with the certificate's fonts and script runs (./pdf-text), so
 * names and titles in Latin, Cyrillic and Arabic script render as on the certificate.
 */
const TEXTS: Record<PdfLanguage, Record<string, string>> = {
  en: {
    heading: 'Training transcript',
    generated: 'Issued by %i · %p, on %d',
    summary: '%n completed courses · hours: estimated %e, spent %s',
    completed: 'Completed on %d',
    started: 'started on %d',
    hours: 'hours: estimated %e, spent %s',
    score: 'score %s',
    passed: 'passed',
    failed: 'not passed',
    certificate: 'Certificate %c (%s)',
    noCertificate: 'No certificate',
    valid: 'valid',
    revoked: 'revoked',
    replaced: 'replaced',
    truncated: 'Only the %n most recent completions are listed.',
    none: 'No course completed yet.',
    verify: 'Each certificate code can be checked at %u',
  },
  fr: {
    heading: 'Relevé de formation',
    generated: 'Délivré par %i · %p, le %d',
    summary: '%n cours terminés · heures : estimées %e, passées %s',
    completed: 'Terminé le %d',
    started: 'commencé le %d',
    hours: 'heures : estimées %e, passées %s',
    score: 'note %s',
    passed: 'réussi',
    failed: 'non réussi',
    certificate: 'Certificat %c (%s)',
    noCertificate: 'Pas de certificat',
    valid: 'valide',
    revoked: 'révoqué',
    replaced: 'remplacé',
    truncated: 'Seuls les %n cours terminés les plus récents sont listés.',
    none: 'Aucun cours terminé pour l’instant.',
    verify: 'Chaque code de certificat peut être vérifié sur %u',
  },
  es: {
    heading: 'Historial de formación',
    generated: 'Emitido por %i · %p, el %d',
    summary: '%n cursos completados · horas: estimadas %e, dedicadas %s',
    completed: 'Completado el %d',
    started: 'iniciado el %d',
    hours: 'horas: estimadas %e, dedicadas %s',
    score: 'puntuación %s',
    passed: 'aprobado',
    failed: 'no aprobado',
    certificate: 'Certificado %c (%s)',
    noCertificate: 'Sin certificado',
    valid: 'válido',
    revoked: 'revocado',
    replaced: 'sustituido',
    truncated: 'Solo se listan los %n cursos completados más recientes.',
    none: 'Ningún curso completado todavía.',
    verify: 'Cada código de certificado puede comprobarse en %u',
  },
};

export interface TranscriptPdfInput {
  learnerName: string;
  language: PdfLanguage;
  country: string | null;
  generatedAt: Date;
  issuer: string;
  platform: string;
  verifyBase: string;
  estimatedHours: number;
  spentSeconds: number;
  truncated: boolean;
  entries: Array<{
    courseTitle: string;
    startedAt: Date | null;
    completedAt: Date;
    successStatus: 'passed' | 'failed' | 'unknown';
    scoreScaled: number | null;
    estimatedHours: number | null;
    spentSeconds: number;
    certificate: { code: string; status: 'valid' | 'revoked' | 'replaced' } | null;
  }>;
}

/** Replaces %x placeholders (one letter each) by the values given. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/%([a-z])/g, (whole, key: string) => values[key] ?? whole);
}

export async function renderTranscriptPdf(input: TranscriptPdfInput): Promise<Buffer> {
  const t = TEXTS[input.language];
  const { doc, bytes } = startDocument({
    size: paperFor(input.country),
    margin: 56,
    info: { Title: `${t.heading}: ${input.learnerName}`, Author: input.issuer, Creator: input.platform },
  });
  const width = doc.page.width - 112;
  const date = (value: Date) =>
    new Intl.DateTimeFormat(input.language, { dateStyle: 'long', timeZone: 'UTC' }).format(value);
  const hours = (value: number) => new Intl.NumberFormat(input.language, { maximumFractionDigits: 1 }).format(value);
  const line = (text: string, size: number, gap = 4) => {
    writeText(doc, text, { size, width });
    doc.moveDown(gap / size);
  };

  line(t.heading, 22, 10);
  line(input.learnerName, 18, 6);
  line(fill(t.generated, { i: input.issuer, p: input.platform, d: date(input.generatedAt) }), 9);
  line(
    fill(t.summary, {
      n: String(input.entries.length),
      e: hours(input.estimatedHours),
      s: hours(input.spentSeconds / 3600),
    }),
    11,
    14,
  );
  if (input.entries.length === 0) line(t.none, 11);
  for (const entry of input.entries) {
    line(entry.courseTitle, 12, 2);
    const facts = [
      fill(t.completed, { d: date(entry.completedAt) }),
      ...(entry.startedAt ? [fill(t.started, { d: date(entry.startedAt) })] : []),
      fill(t.hours, {
        e: entry.estimatedHours === null ? '—' : hours(entry.estimatedHours),
        s: hours(entry.spentSeconds / 3600),
      }),
      ...(entry.scoreScaled !== null ? [fill(t.score, { s: `${Math.round(entry.scoreScaled * 100)}%` })] : []),
      ...(entry.successStatus === 'unknown' ? [] : [t[entry.successStatus]]),
    ];
    line(facts.join(' · '), 9, 2);
    line(
      entry.certificate
        ? fill(t.certificate, { c: entry.certificate.code, s: t[entry.certificate.status] })
        : t.noCertificate,
      9,
      12,
    );
  }
  if (input.truncated) line(fill(t.truncated, { n: String(input.entries.length) }), 9);
  line(fill(t.verify, { u: input.verifyBase }), 9);
  doc.end();
  return bytes;
}
