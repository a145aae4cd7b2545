import { AuditAction, AuditService } from '@app/audit';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createReadStream, ReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EntityManager } from 'typeorm';
import { AccountsService } from '@app/accounts';
import { CatalogueService } from '@app/catalogue';
import { DomainException, ErrorCode } from '@app/common';
import { AppConfig } from '@app/config';
import { JobName, QueueService } from '@app/queue';
import { BlobStore } from '@app/storage';
import { formatVerificationCode, generateVerificationCode, normalizeVerificationCode } from '../code/verification-code';
import {
  AdminCertificateDto,
  CertificateIssuerDto,
  CertificatePageDto,
  CertificateQueryDto,
  CertificateStatus,
  CertificateVerificationDto,
  MyCertificateDto,
  StatementVerificationDto,
  TrustedIssuerDto,
} from '../dto/certificate.dto';
import { Certificate } from '../entities/certificate.entity';
import { renderCertificatePdf } from '../pdf/certificate-pdf';
import { pdfLanguage } from '../pdf/pdf-text';
import { CertificateRepository, NewCertificate } from '../repositories/certificate.repository';
import { CertificateKeysService } from '../statement/certificate-keys.service';
import { readStatement, signStatement, statementSignatureValid } from '../statement/certificate-statement';
import { NotificationCenter, NotificationKind } from '@app/notifications';

/** What issuing reads of the stored course result (libs/learning's CourseResult). */
export interface CompletedResult {
  userId: string;
  courseId: string;
  completionStatus: 'completed' | 'incomplete' | 'not attempted';
  successStatus: 'passed' | 'failed' | 'unknown';
  scoreScaled: number | null;
  completedAt: Date | null;
  passedAt: Date | null;
}

/**
 * Certificates (docs/certificates.md): issued once per learner and course completion, verified by
 * anyone through the code, revoked or reissued by an administrator.
 */
@Injectable()
export class CertificateService {
  private readonly logger = new Logger(CertificateService.name);

  constructor(
    private readonly certificates: CertificateRepository,
    private readonly accounts: AccountsService,
    private readonly catalogue: CatalogueService,
    private readonly config: AppConfig,
    private readonly keys: CertificateKeysService,
    private readonly blobs: BlobStore,
    private readonly queue: QueueService,
    private readonly notifications: NotificationCenter,
    private readonly audit: AuditService,
  ) {}

  /**
   * After the transaction that issued a certificate committed: queue its PDF. A failure to queue
   * is logged, not thrown (the result stands; the first download queues it again).
   */
  async afterIssued(certificate: Certificate): Promise<void> {
    try {
      await this.queuePdf(certificate.id);
    } catch (error) {
      this.logger.warn(`PDF of certificate ${certificate.id} not queued: ${(error as Error).message}`);
    }
    await this.notifyHolder(certificate);
  }

  /** Tells the learner their certificate is issued (docs/notifications.md); never throws. */
  private async notifyHolder(certificate: Certificate): Promise<void> {
    const [holder] = await this.accounts.usersByIds([certificate.userId]).catch(() => []);
    if (holder) {
      await this.notifications.notify(
        { id: holder.id, email: holder.email, displayName: holder.displayName, language: holder.preferredLanguage },
        NotificationKind.CertificateIssued,
        { certificateId: certificate.id, courseTitle: certificate.courseTitle },
        { dedupeKey: `certificate:${certificate.id}` },
      );
    }
  }

  /** The owner's PDF, as stored; another learner's (or an unknown id) is 404, one still being made 409. */
  async pdfForOwner(userId: string, id: string): Promise<{ stream: ReadStream; fileName: string; bytes: number }> {
    const certificate = await this.certificates.findById(id);
    if (!certificate || certificate.userId !== userId) {
      throw DomainException.notFound('Certificate', ErrorCode.CertificateNotFound);
    }
    const file = this.blobs.localPath(pdfKey(id));
    const found = await stat(file).catch(() => null);
    if (!found) {
      await this.queuePdf(id);
      throw DomainException.conflict(
        'The certificate’s PDF is being made: try again in a moment',
        ErrorCode.CertificatePdfPending,
      );
    }
    return { stream: createReadStream(file), fileName: `certificate-${certificate.code}.pdf`, bytes: found.size };
  }

  /** The worker's job: renders the PDF once and keeps it in the blob store. */
  async generatePdf(id: string): Promise<{ certificateId: string; bytes: number; alreadyStored: boolean }> {
    const existing = await stat(this.blobs.localPath(pdfKey(id))).catch(() => null);
    if (existing) return { certificateId: id, bytes: existing.size, alreadyStored: true };
    const certificate = await this.find(id);
    const facts = await this.certificates.pdfFacts(certificate);
    const issuer = this.issuer();
    const language = pdfLanguage(certificate.language);
    const pdf = await renderCertificatePdf({
      learnerName: certificate.learnerName,
      courseTitle: certificate.courseTitle,
      language,
      country: facts.country,
      completedAt: certificate.completedAt,
      estimatedHours: facts.estimatedHours,
      spentSeconds: facts.spentSeconds,
      scoreScaled: certificate.scoreScaled,
      issuer: [issuer.administration, issuer.country, issuer.url].filter(Boolean).join(', '),
      platform: issuer.platform,
      code: formatVerificationCode(certificate.code),
      verifyUrl: this.verifyUrl(certificate.code),
      statement: this.statementOf(certificate),
    });
    const work = randomUUID();
    const folder = await this.blobs.workDir(work);
    try {
      const file = path.join(folder, 'certificate.pdf');
      await writeFile(file, pdf);
      await this.blobs.commitFile(file, pdfKey(id));
    } finally {
      await this.blobs.removeWorkDir(work);
    }
    return { certificateId: id, bytes: pdf.length, alreadyStored: false };
  }

  private async queuePdf(id: string): Promise<void> {
    // A deterministic job id: a certificate's PDF is queued once however often it is asked for;
    // once that job has failed for good, a download queues a fresh one.
    const jobId = `certificate-pdf-${id}`;
    const known = await this.queue.inspect(JobName.GenerateCertificatePdf, jobId);
    if (known?.state === 'failed') {
      await this.queue.enqueue(JobName.GenerateCertificatePdf, { certificateId: id });
      return;
    }
    await this.queue.enqueue(JobName.GenerateCertificatePdf, { certificateId: id }, { jobId: `certificate-pdf-${id}` });
  }

  /**
   * A course result earns a certificate when it is completed and, where the course is assessed
   * (its stored success status is known: passed or failed), passed. A course that reports no
   * success status is not assessed: completion alone earns it.
   */
  static earns(result: CompletedResult): boolean {
    return result.completionStatus === 'completed' && result.successStatus !== 'failed' && result.completedAt !== null;
  }

  /**
   * Called by the learning context inside the transaction that writes the course result, under the
   * lock on its row: issues the learner's first certificate of the course when the result earns
   * one and none exists. Returns the certificate issued, or null.
   */
  async issueOnResult(manager: EntityManager, result: CompletedResult): Promise<Certificate | null> {
    if (!CertificateService.earns(result)) return null;
    if (await this.certificates.existsFor(manager, result.userId, result.courseId)) return null;
    const assessed = result.successStatus === 'passed';
    const certificate = await this.build(result.userId, result.courseId, 1, {
      scoreScaled: assessed ? result.scoreScaled : null,
      assessed,
      // The day the course was both completed and, where assessed, passed.
      completedAt:
        assessed && result.passedAt && result.passedAt > result.completedAt! ? result.passedAt : result.completedAt!,
    });
    if (!(await this.certificates.insertOnce(manager, certificate))) return null;
    this.logger.log(`Certificate ${certificate.id} issued to ${result.userId} for ${result.courseId}`);
    return Object.assign(new Certificate(), certificate, {
      revokedAt: null,
      revokedReason: null,
      replacedById: null,
      replacedAt: null,
    });
  }

  async listForUser(userId: string): Promise<MyCertificateDto[]> {
    return (await this.certificates.listForUser(userId)).map((certificate) => this.toMine(certificate));
  }

  /** An administrator's search: by code (exactly) or name, course, learner, issue dates, status. */
  async search(query: CertificateQueryDto): Promise<CertificatePageDto> {
    const q = query.q?.trim() ?? '';
    const asCode = q ? normalizeVerificationCode(q) : null;
    const [items, total] = await this.certificates.search(
      {
        code: asCode && 'code' in asCode ? asCode.code : undefined,
        name: q && !(asCode && 'code' in asCode) ? q : undefined,
        courseId: query.courseId,
        userId: query.userId,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        status: query.status,
      },
      query.page,
      query.pageSize,
    );
    return { items: items.map((certificate) => this.toAdmin(certificate)), total };
  }

  /** The public check of a typed or scanned code. */
  async verify(input: string): Promise<CertificateVerificationDto> {
    const normalized = normalizeVerificationCode(input);
    if ('problem' in normalized) {
      throw normalized.problem === 'check'
        ? DomainException.badRequest(
            'This code does not pass its check symbol: a character was probably mistyped',
            ErrorCode.CertificateCodeCheckFailed,
          )
        : DomainException.badRequest(
            'A verification code is 16 letters and digits, e.g. 7K3M-Q9XA-2B4D-F1H*',
            ErrorCode.CertificateCodeInvalid,
          );
    }
    const certificate = await this.certificates.findByCode(normalized.code);
    if (!certificate) throw DomainException.notFound('Certificate', ErrorCode.CertificateNotFound);
    const replacement = certificate.replacedById ? await this.certificates.findById(certificate.replacedById) : null;
    const status = statusOf(certificate);
    return {
      valid: status === 'valid',
      status,
      code: formatVerificationCode(certificate.code),
      learnerName: certificate.learnerName,
      courseTitle: certificate.courseTitle,
      issuedAt: certificate.issuedAt,
      completedAt: certificate.completedAt,
      scoreScaled: certificate.scoreScaled,
      revoked: certificate.revokedAt !== null,
      revokedAt: certificate.revokedAt,
      revokedReason: certificate.revokedReason,
      replacedAt: certificate.replacedAt,
      replacedByCode: replacement ? formatVerificationCode(replacement.code) : null,
      issuer: this.issuer(),
    };
  }

  /**
   * Checks a signed statement against the trusted keys, offline: the signature, the issuer's key,
   * and for this server's own certificates their status now; for another server's, the statement
   * holds as of its issue date (that server is not contacted).
   */
  async verifyStatement(text: string): Promise<StatementVerificationDto> {
    const read = readStatement(text);
    if (!read) {
      throw DomainException.badRequest(
        'Not a certificate statement (CLC1.<payload>.<signature>)',
        ErrorCode.CertificateStatementInvalid,
      );
    }
    const { payload } = read;
    const trusted = await this.keys.trustedKey(payload.kid);
    const key = trusted?.key ?? null;
    const own = payload.kid === this.keys.ownKeyId;
    const signatureValid = key !== null && statementSignatureValid(key, read);
    const issuerName = [payload.issuer.administration, payload.issuer.country].filter(Boolean).join(', ');
    const issuedBy = `${issuerName ? `${issuerName} ` : ''}(${payload.issuer.url}, key ${payload.kid})`;
    let status: StatementVerificationDto['status'] = 'unknown';
    let statusAsOf = payload.issuedAt;
    let checked: string;
    if (!key) {
      checked = `Issuer not trusted: key ${payload.kid} is not one this server trusts; nothing else was checked`;
    } else if (!signatureValid) {
      checked = `Signature invalid: the statement was altered or not signed by key ${payload.kid}`;
    } else if (own) {
      const certificate = await this.certificates.findByCode(payload.code);
      status = certificate ? statusOf(certificate) : 'unknown';
      statusAsOf = new Date().toISOString();
      checked = `Signature valid, issued by this server ${issuedBy}; revocation status as of ${statusAsOf}: ${status}`;
    } else {
      status = 'valid';
      const why = trusted?.source === 'licence-bundle' ? ', a key received in the hub’s licence bundle' : '';
      checked = `Signature valid, issued by ${issuedBy}${why}; revocation status as of ${statusAsOf} (the issue date: the issuing server was not contacted)`;
    }
    return {
      valid: signatureValid && status === 'valid',
      signatureValid,
      issuer: {
        keyId: payload.kid,
        trusted: key !== null,
        own,
        trustedBy: trusted?.source ?? null,
        administration: payload.issuer.administration,
        country: payload.issuer.country,
        url: payload.issuer.url,
      },
      certificate: {
        code: formatVerificationCode(payload.code),
        learnerName: payload.learnerName,
        courseTitle: payload.courseTitle,
        completedAt: payload.completedAt,
        issuedAt: payload.issuedAt,
        scoreScaled: payload.scoreScaled,
      },
      status,
      statusAsOf,
      checked,
    };
  }

  /** Every certificate key this server trusts, and why (an administrator's view). */
  async trustedIssuers(): Promise<TrustedIssuerDto[]> {
    return this.keys.trustedIssuers();
  }

  /** The certificate's signed statement (docs/certificates.md). */
  statementOf(certificate: Certificate): string {
    const issuer = this.issuer();
    return signStatement(this.keys.signingKey, {
      code: certificate.code,
      learnerName: certificate.learnerName,
      courseTitle: certificate.courseTitle,
      courseId: certificate.courseId,
      completedAt: certificate.completedAt.toISOString(),
      issuedAt: certificate.issuedAt.toISOString(),
      scoreScaled: certificate.scoreScaled,
      issuer: { administration: issuer.administration, country: issuer.country, url: issuer.url },
    });
  }

  async revoke(id: string, reason: string): Promise<AdminCertificateDto> {
    const certificate = await this.find(id);
    if (certificate.revokedAt) {
      throw DomainException.conflict('This certificate is already revoked', ErrorCode.CertificateRevoked);
    }
    const at = new Date();
    const revoked = await this.certificates.revoke(id, reason.trim(), at, (manager) =>
      this.audit.record(manager, { action: AuditAction.CertificateRevoke, targetType: 'certificate', targetId: id }),
    );
    if (!revoked) {
      throw DomainException.conflict('This certificate is already revoked', ErrorCode.CertificateRevoked);
    }
    return this.toAdmin(Object.assign(certificate, { revokedAt: at, revokedReason: reason.trim() }));
  }

  /**
   * A new certificate for the same completion, with the learner's name as the profile says now
   * (after a correction) and a new code; the old code then says "replaced".
   */
  async reissue(id: string): Promise<AdminCertificateDto> {
    const certificate = await this.find(id);
    if (certificate.revokedAt) {
      throw DomainException.conflict('A revoked certificate cannot be reissued', ErrorCode.CertificateRevoked);
    }
    if (certificate.replacedById) {
      throw DomainException.conflict('This certificate was already replaced', ErrorCode.CertificateReplaced);
    }
    const fresh = await this.build(certificate.userId, certificate.courseId, 0, {
      scoreScaled: certificate.scoreScaled,
      assessed: certificate.assessed,
      completedAt: certificate.completedAt,
    });
    const done = await this.certificates.replace(
      id,
      (_old, sequence) => ({ ...fresh, sequence }),
      (manager, replacement) =>
        this.audit.record(manager, {
          action: AuditAction.CertificateReissue,
          targetType: 'certificate',
          targetId: id,
          details: { replacementId: replacement.id },
        }),
    );
    if (!done) throw DomainException.conflict('This certificate was already replaced', ErrorCode.CertificateReplaced);
    return this.toAdmin(done.replacement);
  }

  private async find(id: string): Promise<Certificate> {
    const certificate = await this.certificates.findById(id);
    if (!certificate) throw DomainException.notFound('Certificate', ErrorCode.CertificateNotFound);
    return certificate;
  }

  private async build(
    userId: string,
    courseId: string,
    sequence: number,
    outcome: Pick<NewCertificate, 'scoreScaled' | 'assessed' | 'completedAt'>,
  ): Promise<NewCertificate> {
    const [[user], [course]] = await Promise.all([
      this.accounts.usersByIds([userId]),
      this.catalogue.courseTitles([courseId]),
    ]);
    const language = user?.preferredLanguage ?? 'en';
    const titles = course?.titles ?? {};
    const title = titles[language] ?? titles.en ?? Object.values(titles)[0] ?? '';
    const titleLanguage = titles[language] ? language : titles.en ? 'en' : (Object.keys(titles)[0] ?? language);
    return {
      id: randomUUID(),
      userId,
      courseId,
      sequence,
      code: generateVerificationCode(),
      learnerName: user?.displayName ?? '',
      courseTitle: title.slice(0, 300),
      language: titleLanguage,
      ...outcome,
      issuedAt: new Date(),
    };
  }

  /** This server as the issuer of its certificates. */
  issuer(): CertificateIssuerDto {
    return {
      administration: this.config.serverAdministration ?? null,
      country: this.config.serverCountry ?? null,
      url: this.config.publicUrl.origin,
      platform: 'Clearance',
    };
  }

  /** The public verify page of a code (stored form). */
  verifyUrl(code: string): string {
    return new URL(`/verify/${encodeURIComponent(formatVerificationCode(code))}`, this.config.publicUrl).toString();
  }

  private toMine(certificate: Certificate): MyCertificateDto {
    return {
      id: certificate.id,
      courseId: certificate.courseId,
      code: formatVerificationCode(certificate.code),
      issuedAt: certificate.issuedAt,
      completedAt: certificate.completedAt,
      learnerName: certificate.learnerName,
      courseTitle: certificate.courseTitle,
      scoreScaled: certificate.scoreScaled,
      status: statusOf(certificate),
      verifyUrl: this.verifyUrl(certificate.code),
      statement: this.statementOf(certificate),
    };
  }

  private toAdmin(certificate: Certificate): AdminCertificateDto {
    return {
      ...this.toMine(certificate),
      userId: certificate.userId,
      revokedAt: certificate.revokedAt,
      revokedReason: certificate.revokedReason,
      replacedById: certificate.replacedById,
    };
  }
}

/** Where a certificate's PDF is kept in the blob store. */
function pdfKey(id: string): string {
  return `certificates/${id}-pdf`;
}

export function statusOf(certificate: Certificate): CertificateStatus {
  if (certificate.revokedAt) return 'revoked';
  if (certificate.replacedById) return 'replaced';
  return 'valid';
}
