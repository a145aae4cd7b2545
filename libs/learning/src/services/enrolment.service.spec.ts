import { ErrorCode } from '@app/common';
import { Enrolment } from '../entities/enrolment.entity';
import { EnrolmentService } from './enrolment.service';

const enrolment = Object.assign(new Enrolment(), { userId: 'learner-1', courseId: 'course-1', enrolledAt: new Date() });

describe(EnrolmentService.name, () => {
  const enrolments = { ensure: jest.fn(), ensureAdmitted: jest.fn() };
  const catalogue = { publishedCourse: jest.fn() };
  let sut: EnrolmentService;

  beforeEach(() => {
    jest.clearAllMocks();
    enrolments.ensure.mockResolvedValue(enrolment);
    sut = new EnrolmentService(enrolments as never, catalogue as never);
  });

  it('enrols in a course without a seat cap with no count at all', async () => {
    catalogue.publishedCourse.mockResolvedValue({ id: 'course-1', seatCap: null });

    await expect(sut.enrol('learner-1', 'course-1')).resolves.toEqual({
      courseId: 'course-1',
      enrolledAt: enrolment.enrolledAt,
    });
    expect(enrolments.ensureAdmitted).not.toHaveBeenCalled();
  });

  it('admits a learner while the course has fewer learners than its seat cap, and refuses one beyond', async () => {
    let admit: ((taken: number) => boolean) | undefined;
    enrolments.ensureAdmitted.mockImplementation((_user: string, _course: string, rule: (taken: number) => boolean) => {
      admit = rule;
      return Promise.resolve(enrolment);
    });

    await sut.ensure('learner-1', 'course-1', 3);

    expect(admit!(2)).toBe(true);
    expect(admit!(3)).toBe(false);
  });

  it('answers 409 SEAT_CAP_REACHED when the repository was told no', async () => {
    enrolments.ensureAdmitted.mockResolvedValue(null);

    await expect(sut.ensure('learner-1', 'course-1', 3)).rejects.toMatchObject({ code: ErrorCode.SeatCapReached });
  });
});
