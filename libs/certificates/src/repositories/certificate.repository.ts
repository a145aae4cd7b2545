import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Certificate } from '../entities/certificate.entity';

export interface CertificateFilter {
  /** A normalized verification code: matches it exactly. */
  code?: string;
  /** Part of the learner's name as issued. */
  name?: string;
  courseId?: string;
  userId?: string;
  from?: Date;
  to?: Date;
  status?: 'valid' | 'revoked' | 'replaced';
}

/** A completed course as the transcript reads it (course_results, courses and attempts). */
export interface CompletionRow {
  courseId: string;
  completedAt: Date;
  passedAt: Date | null;
  successStatus: 'passed' | 'failed' | 'unknown';
  scoreScaled: number | null;
  estimatedHours: number | null;
  startedAt: Date | null;
  spentSeconds: number;
}

export type NewCertificate = Omit<Certificate, 'revokedAt' | 'revokedReason' | 'replacedById' | 'replacedAt'>;

@Injectable()
export class CertificateRepository {
  constructor(@InjectRepository(Certificate) private readonly certificates: Repository<Certificate>) {}

  listForUser(userId: string): Promise<Certificate[]> {
    return this.certificates.find({ where: { userId }, order: { issuedAt: 'DESC', sequence: 'DESC' } });
  }

  /** Newest first; `page` counts from 1. */
  async search(filter: CertificateFilter, page: number, pageSize: number): Promise<[Certificate[], number]> {
    const query = this.certificates.createQueryBuilder('c');
    if (filter.code) query.andWhere('c.code = :code', { code: filter.code });
    if (filter.name) {
      query.andWhere("c.learner_name LIKE :name ESCAPE '!'", {
        name: `%${filter.name.replace(/[!%_]/g, (ch) => `!${ch}`)}%`,
      });
    }
    if (filter.courseId) query.andWhere('c.course_id = :courseId', { courseId: filter.courseId });
    if (filter.userId) query.andWhere('c.user_id = :userId', { userId: filter.userId });
    if (filter.from) query.andWhere('c.issued_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('c.issued_at < :to', { to: filter.to });
    if (filter.status === 'revoked') query.andWhere('c.revoked_at IS NOT NULL');
    if (filter.status === 'replaced') query.andWhere('c.revoked_at IS NULL AND c.replaced_by_id IS NOT NULL');
    if (filter.status === 'valid') query.andWhere('c.revoked_at IS NULL AND c.replaced_by_id IS NULL');
    return query
      .orderBy('c.issued_at', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }

  /**
   * What the PDF shows beyond the certificate: the learner's country (paper size) and language, the
   * course's estimated hours and the time the learner spent in it (every attempt's total). Read
   * across contexts in one query, for one document.
   */
  async pdfFacts(
    certificate: Certificate,
  ): Promise<{ country: string | null; language: string; estimatedHours: number | null; spentSeconds: number }> {
    const [row] = await this.certificates.query<
      Array<{ country: string | null; language: string; estimatedHours: string | null; spentSeconds: string }>
    >(
      `SELECT u.country, u.preferred_language AS language, c.estimated_hours AS estimatedHours,
         (SELECT COALESCE(SUM(a.total_seconds), 0) FROM attempts a WHERE a.user_id = ? AND a.course_id = ?) AS spentSeconds
       FROM users u, courses c WHERE u.id = ? AND c.id = ?`,
      [certificate.userId, certificate.courseId, certificate.userId, certificate.courseId],
    );
    return {
      country: row?.country ?? null,
      language: row?.language ?? 'en',
      estimatedHours:
        row?.estimatedHours === null || row?.estimatedHours === undefined ? null : Number(row.estimatedHours),
      spentSeconds: Number(row?.spentSeconds ?? 0),
    };
  }

  /**
   * The learner's completed courses, newest first, at most `limit`, and how many there are: read
   * across contexts (the course results, the courses' estimates, the attempts' times) in one query,
   * for one learner. Time spent: every attempt's total, as on the certificate.
   */
  async completions(userId: string, limit: number): Promise<{ rows: CompletionRow[]; total: number }> {
    const rows = await this.certificates.query<
      Array<{
        courseId: string;
        completedAt: Date;
        passedAt: Date | null;
        successStatus: CompletionRow['successStatus'];
        scoreScaled: string | null;
        estimatedHours: string | null;
        startedAt: Date | null;
        spentSeconds: string | null;
        total: string;
      }>
    >(
      `SELECT r.course_id AS courseId, r.completed_at AS completedAt, r.passed_at AS passedAt,
         r.success_status AS successStatus, r.score_scaled AS scoreScaled, c.estimated_hours AS estimatedHours,
         t.startedAt, t.spentSeconds, COUNT(*) OVER () AS total
       FROM course_results r
       JOIN courses c ON c.id = r.course_id
       LEFT JOIN (SELECT a.course_id, MIN(a.launched_at) AS startedAt, SUM(a.total_seconds) AS spentSeconds
                  FROM attempts a WHERE a.user_id = ? GROUP BY a.course_id) t ON t.course_id = r.course_id
       WHERE r.user_id = ? AND r.completion_status = 'completed' AND r.completed_at IS NOT NULL
       ORDER BY r.completed_at DESC, r.course_id
       LIMIT ?`,
      [userId, userId, limit],
    );
    const number = (value: string | null) => (value === null ? null : Number(value));
    return {
      total: rows.length > 0 ? Number(rows[0].total) : 0,
      rows: rows.map((row) => ({
        courseId: row.courseId,
        completedAt: row.completedAt,
        passedAt: row.passedAt,
        successStatus: row.successStatus,
        scoreScaled: number(row.scoreScaled),
        estimatedHours: number(row.estimatedHours),
        startedAt: row.startedAt,
        spentSeconds: Number(row.spentSeconds ?? 0),
      })),
    };
  }

  findById(id: string): Promise<Certificate | null> {
    return this.certificates.findOneBy({ id });
  }

  findByCode(code: string): Promise<Certificate | null> {
    return this.certificates.findOneBy({ code });
  }

  /** Whether the learner holds any certificate of the course (issued, revoked or replaced). */
  async existsFor(manager: EntityManager, userId: string, courseId: string): Promise<boolean> {
    return (await manager.getRepository(Certificate).countBy({ userId, courseId })) > 0;
  }

  /**
   * Inserts unless the (user, course, sequence) key is taken: the key, not the caller's check, is
   * what makes two transactions that both saw no certificate issue exactly one (the second waits on
   * the first's key lock, then fails with a duplicate, which InnoDB rolls back alone, leaving the
   * caller's transaction intact). True if inserted.
   */
  async insertOnce(manager: EntityManager, certificate: NewCertificate): Promise<boolean> {
    try {
      await manager.insert(Certificate, certificate);
      return true;
    } catch (error) {
      const driverError = (error as { driverError?: { code?: string; sqlMessage?: string } }).driverError;
      if (driverError?.code === 'ER_DUP_ENTRY' && driverError.sqlMessage?.includes('UQ_certificates_issue')) {
        return false;
      }
      throw error;
    }
  }

  /** Revokes it unless already revoked; true if this call did. */
  async revoke(
    id: string,
    reason: string,
    at: Date,
    alsoInTransaction: (manager: EntityManager) => Promise<void>,
  ): Promise<boolean> {
    return this.certificates.manager.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(Certificate)
        .set({ revokedAt: at, revokedReason: reason })
        .where('id = :id AND revoked_at IS NULL', { id })
        .execute();
      if (result.affected !== 1) return false;
      await alsoInTransaction(manager);
      return true;
    });
  }

  /**
   * Replaces a certificate by a new one (the next sequence) in one transaction, under a lock on the
   * old row: two reissues of one certificate make one replacement.
   */
  async replace(
    id: string,
    build: (old: Certificate, sequence: number) => NewCertificate,
    alsoInTransaction?: (manager: EntityManager, replacement: NewCertificate) => Promise<void>,
  ): Promise<{ old: Certificate; replacement: Certificate } | null> {
    return this.certificates.manager.transaction(async (manager) => {
      const old = await manager
        .getRepository(Certificate)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.id = :id', { id })
        .getOne();
      if (!old || old.replacedById || old.revokedAt) return null;
      const { max } = (await manager
        .getRepository(Certificate)
        .createQueryBuilder('c')
        .select('MAX(c.sequence)', 'max')
        .where('c.user_id = :userId AND c.course_id = :courseId', { userId: old.userId, courseId: old.courseId })
        .getRawOne()) as { max: number };
      const fresh = build(old, Number(max) + 1);
      await manager.insert(Certificate, fresh);
      await manager.update(Certificate, { id }, { replacedById: fresh.id, replacedAt: fresh.issuedAt });
      await alsoInTransaction?.(manager, fresh);
      return {
        old: Object.assign(old, { replacedById: fresh.id, replacedAt: fresh.issuedAt }),
        replacement: Object.assign(new Certificate(), fresh, {
          revokedAt: null,
          revokedReason: null,
          replacedById: null,
          replacedAt: null,
        }),
      };
    });
  }
}
