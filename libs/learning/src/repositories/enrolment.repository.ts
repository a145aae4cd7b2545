import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { retryOnDeadlock } from '@app/database';
import { Enrolment } from '../entities/enrolment.entity';

@Injectable()
export class EnrolmentRepository {
  constructor(@InjectRepository(Enrolment) private readonly enrolments: Repository<Enrolment>) {}

  /** Enrols once: a second call (or a simultaneous one) keeps the first enrolment. */
  async ensure(userId: string, courseId: string): Promise<Enrolment> {
    await this.enrolments
      .createQueryBuilder()
      .insert()
      .into(Enrolment)
      .values({ userId, courseId })
      .orIgnore()
      .execute();
    return this.enrolments.findOneByOrFail({ userId, courseId });
  }

  /**
   * Enrols once if `admit` agrees, given how many learners the course has: the count and the insert
   * run under a lock on the course's range of the enrolment index, so simultaneous enrolments see
   * each other's. An existing enrolment is returned as it is; null when `admit` refused.
   */
  async ensureAdmitted(
    userId: string,
    courseId: string,
    admit: (enrolledInCourse: number) => boolean,
  ): Promise<Enrolment | null> {
    const existing = await this.enrolments.findOneBy({ userId, courseId });
    if (existing) {
      return existing;
    }
    const admitted = await retryOnDeadlock(() =>
      this.enrolments.manager.transaction(async (manager) => {
        const [{ n }] = await manager.query<Array<{ n: string | number }>>(
          'SELECT COUNT(*) AS n FROM enrolments WHERE course_id = ? FOR UPDATE',
          [courseId],
        );
        if (!admit(Number(n))) {
          return false;
        }
        await manager.query('INSERT IGNORE INTO enrolments (user_id, course_id) VALUES (?, ?)', [userId, courseId]);
        return true;
      }),
    );
    return admitted ? this.enrolments.findOneByOrFail({ userId, courseId }) : null;
  }

  listForUser(userId: string): Promise<Enrolment[]> {
    return this.enrolments.find({ where: { userId }, order: { enrolledAt: 'DESC' } });
  }

  findForUser(userId: string, courseId: string): Promise<Enrolment | null> {
    return this.enrolments.findOneBy({ userId, courseId });
  }
}
