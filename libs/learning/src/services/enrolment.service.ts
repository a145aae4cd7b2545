import { Injectable } from '@nestjs/common';
import { CatalogueService } from '@app/catalogue';
import { EnrolmentView } from '../dto/learning.dto';
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
    const enrolment = await this.enrolments.ensure(userId, courseId, course.seatCap);
    return { courseId: enrolment.courseId, enrolledAt: enrolment.enrolledAt };
  }
}
