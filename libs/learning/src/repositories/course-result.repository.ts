import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { CourseResult } from '../entities/course-result.entity';
import { LatestItemAttempt } from '../results/course-result-rules';
import { LATEST_ATTEMPTS_SQL, LatestAttemptRow, toLatestItemAttempt } from '../results/latest-attempts';

/** What a recomputation reads, inside the transaction that holds the result's row lock. */
export interface CourseResultReader {
  /** The package of the learner's most recently launched attempt in the course, if any. */
  lastPackageId(): Promise<string | null>;
  latestAttempts(packageId: string): Promise<LatestItemAttempt[]>;
}

export type CourseResultValues = Omit<CourseResult, 'userId' | 'courseId' | 'updatedAt'>;

@Injectable()
export class CourseResultRepository {
  constructor(@InjectRepository(CourseResult) private readonly results: Repository<CourseResult>) {}

  listForUser(userId: string): Promise<CourseResult[]> {
    return this.results.findBy({ userId });
  }

  findForUser(userId: string, courseId: string): Promise<CourseResult | null> {
    return this.results.findOneBy({ userId, courseId });
  }

  /**
   * Recomputes one learner's result in one course under a lock on its row, so simultaneous
   * commits of two items of the course write their results one after the other, each from what
   * the other had committed.
   */
  async rewrite(
    userId: string,
    courseId: string,
    decide: (current: CourseResult, reader: CourseResultReader) => Promise<CourseResultValues>,
    afterWrite?: (manager: EntityManager, result: CourseResult) => Promise<void>,
  ): Promise<CourseResult> {
    // The row exists before the transaction locks it: an INSERT IGNORE inside it would take a shared
    // lock on a duplicate key that the FOR UPDATE then upgrades, and two such transactions deadlock.
    await this.results.query('INSERT IGNORE INTO course_results (user_id, course_id) VALUES (?, ?)', [
      userId,
      courseId,
    ]);
    return this.results.manager.transaction(async (manager: EntityManager) => {
      const [current] = await manager
        .getRepository(CourseResult)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.user_id = :userId AND r.course_id = :courseId', { userId, courseId })
        .getMany();
      const reader: CourseResultReader = {
        lastPackageId: async () => {
          const rows: Array<{ package_id: string }> = await manager.query(
            'SELECT package_id FROM attempts WHERE user_id = ? AND course_id = ? ORDER BY launched_at DESC, number DESC LIMIT 1',
            [userId, courseId],
          );
          return rows[0]?.package_id ?? null;
        },
        latestAttempts: async (packageId) => {
          const rows: LatestAttemptRow[] = await manager.query(LATEST_ATTEMPTS_SQL, [
            userId,
            packageId,
            userId,
            packageId,
          ]);
          return rows.map(toLatestItemAttempt);
        },
      };
      const values = await decide(current, reader);
      await manager.update(CourseResult, { userId, courseId }, values);
      const result = Object.assign(current, values);
      // In the same transaction (docs/certificates.md): a certificate exists exactly when its result does.
      if (afterWrite) await afterWrite(manager, result);
      return result;
    });
  }
}
