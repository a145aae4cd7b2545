import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainException, ErrorCode } from '@app/common';
import { retryOnDeadlock } from '@app/database';
import { Enrolment } from '../entities/enrolment.entity';

@Injectable()
export class EnrolmentRepository {
  constructor(@InjectRepository(Enrolment) private readonly enrolments: Repository<Enrolment>) {}

  /**
   * Enrols once: a second call (or a simultaneous one) keeps the first enrolment. With a seat cap
   * (a licensed course), a new enrolment is refused once the course has that many: the count and
   * the insert run under a lock on the course's range of the enrolment index, so simultaneous
   * enrolments cannot overshoot it.
   */
  async ensure(userId: string, courseId: string, seatCap: number | null = null): Promise<Enrolment> {
    if (seatCap !== null) {
      const existing = await this.enrolments.findOneBy({ userId, courseId });
      if (existing) {
        return existing;
      }
      await retryOnDeadlock(() =>
        this.enrolments.manager.transaction(async (manager) => {
          const [{ n }] = await manager.query<Array<{ n: string | number }>>(
            'SELECT COUNT(*) AS n FROM enrolments WHERE course_id = ? FOR UPDATE',
            [courseId],
          );
          if (Number(n) >= seatCap) {
            throw DomainException.conflict(
              `All ${seatCap} seats of this course's licence are taken: ask your national coordinator`,
              ErrorCode.SeatCapReached,
            );
          }
          await manager.query('INSERT IGNORE INTO enrolments (user_id, course_id) VALUES (?, ?)', [userId, courseId]);
        }),
      );
      return this.enrolments.findOneByOrFail({ userId, courseId });
    }
    await this.enrolments
      .createQueryBuilder()
      .insert()
      .into(Enrolment)
      .values({ userId, courseId })
      .orIgnore()
      .execute();
    return this.enrolments.findOneByOrFail({ userId, courseId });
  }

  listForUser(userId: string): Promise<Enrolment[]> {
    return this.enrolments.find({ where: { userId }, order: { enrolledAt: 'DESC' } });
  }

  findForUser(userId: string, courseId: string): Promise<Enrolment | null> {
    return this.enrolments.findOneBy({ userId, courseId });
  }
}
