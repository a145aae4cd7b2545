import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
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

  listForUser(userId: string): Promise<Enrolment[]> {
    return this.enrolments.find({ where: { userId }, order: { enrolledAt: 'DESC' } });
  }

  findForUser(userId: string, courseId: string): Promise<Enrolment | null> {
    return this.enrolments.findOneBy({ userId, courseId });
  }
}
