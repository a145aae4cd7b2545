import { Injectable } from '@nestjs/common';
import { AccountsService } from '@app/accounts';
import { CatalogueService } from '@app/catalogue';
import { DomainException } from '@app/common';
import { formatVerificationCode } from '../code/verification-code';
import { MyTranscriptDto, TranscriptEntryDto } from '../dto/transcript.dto';
import { pdfLanguage } from '../pdf/pdf-text';
import { renderTranscriptPdf } from '../pdf/transcript-pdf';
import { CertificateRepository } from '../repositories/certificate.repository';
import { CertificateService, statusOf } from './certificate.service';

/** A transcript lists at most this many completions (the newest); `truncated` says when there are more. */
export const TRANSCRIPT_LIMIT = 500;
/** Transcript PDFs rendered at once by one api process, and waiting their turn; more is a 429. */
const RENDERING = 2;
const WAITING = 8;

/**
 * The learner's transcript (docs/certificates.md): every course they completed, with its dates,
 * hours, score and certificate. The PDF is rendered on request (one learner's list, bounded in
 * length and in renders at once), with the certificate's fonts.
 */
@Injectable()
export class TranscriptService {
  private rendering = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly certificates: CertificateRepository,
    private readonly certificateService: CertificateService,
    private readonly accounts: AccountsService,
    private readonly catalogue: CatalogueService,
  ) {}

  async forUser(userId: string): Promise<MyTranscriptDto & { language: string; country: string | null }> {
    const [[user], { rows, total }, issued] = await Promise.all([
      this.accounts.usersByIds([userId]),
      this.certificates.completions(userId, TRANSCRIPT_LIMIT),
      this.certificates.listForUser(userId),
    ]);
    const language = user?.preferredLanguage ?? 'en';
    const titles = await this.catalogue.courseTitles(rows.map((row) => row.courseId));
    const items = rows.map((row): TranscriptEntryDto => {
      const texts = titles.find((course) => course.id === row.courseId)?.titles ?? {};
      const titleLanguage = texts[language] ? language : texts.en ? 'en' : (Object.keys(texts)[0] ?? language);
      // The current certificate of the course: the one no reissue replaced (newest first).
      const certificate = issued.find((c) => c.courseId === row.courseId && !c.replacedById) ?? null;
      return {
        courseId: row.courseId,
        courseTitle: texts[titleLanguage as keyof typeof texts] ?? '',
        language: titleLanguage,
        startedAt: row.startedAt,
        completedAt: row.completedAt,
        passedAt: row.passedAt,
        successStatus: row.successStatus,
        scoreScaled: row.scoreScaled,
        estimatedHours: row.estimatedHours,
        spentSeconds: row.spentSeconds,
        certificate: certificate && {
          id: certificate.id,
          code: formatVerificationCode(certificate.code),
          status: statusOf(certificate),
          issuedAt: certificate.issuedAt,
          verifyUrl: this.certificateService.verifyUrl(certificate.code),
        },
      };
    });
    return {
      learnerName: user?.displayName ?? '',
      generatedAt: new Date(),
      issuer: this.certificateService.issuer(),
      completedCourses: total,
      estimatedHours: items.reduce((sum, item) => sum + (item.estimatedHours ?? 0), 0),
      spentSeconds: items.reduce((sum, item) => sum + item.spentSeconds, 0),
      truncated: total > items.length,
      items,
      language,
      country: user?.country ?? null,
    };
  }

  /** The transcript as a PDF, in the learner's language, on their paper size. */
  async pdfForUser(userId: string): Promise<{ pdf: Buffer; fileName: string }> {
    const release = await this.turn();
    try {
      const { language, country, ...transcript } = await this.forUser(userId);
      const issuer = transcript.issuer;
      const pdf = await renderTranscriptPdf({
        learnerName: transcript.learnerName,
        language: pdfLanguage(language),
        country,
        generatedAt: transcript.generatedAt,
        issuer: [issuer.administration, issuer.country, issuer.url].filter(Boolean).join(', '),
        platform: issuer.platform,
        verifyBase: new URL('/verify', issuer.url).toString(),
        estimatedHours: transcript.estimatedHours,
        spentSeconds: transcript.spentSeconds,
        truncated: transcript.truncated,
        entries: transcript.items.map((item) => ({
          ...item,
          certificate: item.certificate && { code: item.certificate.code, status: item.certificate.status },
        })),
      });
      return { pdf, fileName: `transcript-${transcript.generatedAt.toISOString().slice(0, 10)}.pdf` };
    } finally {
      release();
    }
  }

  /** Waits for a rendering slot; a full waiting line is a 429 (try again in a few seconds). */
  private async turn(): Promise<() => void> {
    if (this.rendering >= RENDERING) {
      if (this.waiting.length >= WAITING) throw DomainException.tooManyRequests(5);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.rendering += 1;
    }
    return () => {
      const next = this.waiting.shift();
      if (next) next();
      else this.rendering -= 1;
    };
  }
}
