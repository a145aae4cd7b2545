import { Injectable } from '@nestjs/common';
import { CatalogueService } from '@app/catalogue';
import { DomainException, ErrorCode } from '@app/common';
import { EnrolmentView } from '../dto/learning.dto';
import { Enrolment } from '../entities/enrolment.entity';
import { EnrolmentRepository } from '../repositories/enrolment.repository';

@Injectable()
export class EnrolmentService {
  constructor(
    private readonly enrolments: EnrolmentRepository,
    private readonly catalogue: CatalogueService,
  ) {}

  /** Self-enrolment in a published course; again → the same enrolment. */
  async enrol(userId: string, courseId: string): Promise<EnrolmentView> {
    const course = await this.catalogue.publishedCourse(courseId);
    const enrolment = await this.ensure(userId, courseId, course.seatCap);
    return { courseId: enrolment.courseId, enrolledAt: enrolment.enrolledAt };
  }

  /**
   * Enrols once (a second call keeps the first enrolment). With a seat cap (a licensed course), a
   * new learner is refused once the course has that many: 409 SEAT_CAP_REACHED. Learners already
   * enrolled keep their seat when the cap is lowered.
   */
  async ensure(userId: string, courseId: string, seatCap: number | null): Promise<Enrolment> {
    if (seatCap === null) {
      return this.enrolments.ensure(userId, courseId);
    }
    const enrolment = await this.enrolments.ensureAdmitted(userId, courseId, (taken) => taken < seatCap);
    if (!enrolment) {
      throw DomainException.conflict(
        `All ${seatCap} seats of this course's licence are taken: ask your national coordinator`,
        ErrorCode.SeatCapReached,
      );
    }
    return enrolment;
  }
}
