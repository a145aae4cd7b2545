import { Injectable } from '@nestjs/common';
import { ProfileService } from '@app/accounts';
import { CatalogueService, CoursePackage, CourseTranslation } from '@app/catalogue';
import { Attempt, CompletionStatus, isTimeMeasured, SuccessStatus } from '../entities/attempt.entity';
import { CourseResult } from '../entities/course-result.entity';
import { AttemptRepository } from '../repositories/attempt.repository';
import { EnrolmentRepository } from '../repositories/enrolment.repository';
import { CourseResultService } from './course-result.service';

export interface ItemProgress {
  itemId: string;
  title: string;
  type: 'sco' | 'asset';
  attempts: number;
  completionStatus: CompletionStatus;
  successStatus: SuccessStatus;
  scoreScaled: number | null;
  totalTimeSeconds: number;
  /** Some of this time was measured by the platform: a session's SCO reported none. */
  timeMeasured: boolean;
}

export interface CourseProgress {
  courseId: string;
  title: string;
  language: string | null;
  enrolledAt: Date | null;
  lastActivityAt: Date | null;
  completionStatus: 'completed' | 'incomplete' | 'not attempted';
  successStatus: SuccessStatus;
  scoreScaled: number | null;
  totalTimeSeconds: number;
  /** Some of this time was measured by the platform: a session's SCO reported none. */
  timeMeasured: boolean;
  /** Launchable parts whose latest attempt is completed, of how many (docs/course-results.md). */
  partsDone: number;
  partsTotal: number;
  /** When the course became completed / passed (null while it is not). */
  completedAt: Date | null;
  passedAt: Date | null;
  items: ItemProgress[];
}

export interface AttemptHistoryEntry {
  attemptId: string;
  packageId: string;
  language: string | null;
  version: number | null;
  itemId: string;
  title: string;
  number: number;
  sessions: number;
  completionStatus: CompletionStatus;
  successStatus: SuccessStatus;
  scoreScaled: number | null;
  totalTimeSeconds: number;
  /** Some of this time was measured by the platform: a session's SCO reported none. */
  timeMeasured: boolean;
  startedAt: Date;
  lastActivityAt: Date;
}

const round2 = (seconds: number): number => Math.round(seconds * 100) / 100;

function latestOf(attempts: Attempt[]): Attempt | undefined {
  return attempts.reduce<Attempt | undefined>((best, a) => (!best || a.number > best.number ? a : best), undefined);
}

function lastActivity(attempt: Attempt): Date {
  return attempt.lastCommitAt && attempt.lastCommitAt > attempt.launchedAt ? attempt.lastCommitAt : attempt.launchedAt;
}

/**
 * A course's progress for "My learning": the course result as stored (docs/course-results.md: the
 * SCORM rollup, computed when an item's status changes) with each launchable's latest attempt and
 * the time summed over every attempt of the course.
 */
export function rollUp(
  courseId: string,
  title: string,
  pkg: Pick<CoursePackage, 'id' | 'language' | 'launchables'> | undefined,
  attempts: Attempt[],
  enrolledAt: Date | null,
  result: CourseResult | null,
): CourseProgress {
  const items: ItemProgress[] = (pkg?.launchables ?? []).map((launchable) => {
    const mine = attempts.filter((a) => a.packageId === pkg!.id && a.itemId === launchable.itemIdentifier);
    const latest = latestOf(mine);
    return {
      itemId: launchable.itemIdentifier,
      title: launchable.title,
      type: launchable.type,
      attempts: mine.length,
      completionStatus: latest?.completionStatus ?? 'not attempted',
      successStatus: latest?.successStatus ?? 'unknown',
      scoreScaled: latest?.scoreScaled ?? null,
      totalTimeSeconds: round2(mine.reduce((sum, a) => sum + a.totalSeconds, 0)),
      timeMeasured: mine.some(isTimeMeasured),
    };
  });
  const activity = attempts.map(lastActivity);
  const counted = result !== null && result.packageId !== null;
  return {
    courseId,
    title,
    language: pkg?.language ?? null,
    enrolledAt,
    lastActivityAt: activity.length ? new Date(Math.max(...activity.map((d) => d.getTime()))) : null,
    completionStatus: result?.completionStatus ?? 'not attempted',
    successStatus: result?.successStatus ?? 'unknown',
    scoreScaled: result?.scoreScaled ?? null,
    totalTimeSeconds: round2(attempts.reduce((sum, a) => sum + a.totalSeconds, 0)),
    timeMeasured: attempts.some(isTimeMeasured),
    partsDone: counted ? result.partsDone : 0,
    partsTotal: counted ? result.partsTotal : items.length,
    completedAt: result?.completedAt ?? null,
    passedAt: result?.passedAt ?? null,
    items,
  };
}

/** "My learning": the caller's courses with their rollup, and attempt history. Always scoped to the caller. */
@Injectable()
export class ProgressService {
  constructor(
    private readonly attempts: AttemptRepository,
    private readonly enrolments: EnrolmentRepository,
    private readonly catalogue: CatalogueService,
    private readonly profiles: ProfileService,
    private readonly results: CourseResultService,
  ) {}

  /** `display`: the language titles are given in when the course has it (the interface's); else the learner's. */
  async myLearning(userId: string, display?: string): Promise<CourseProgress[]> {
    const [enrolments, attempts, profile, results] = await Promise.all([
      this.enrolments.listForUser(userId),
      this.attempts.listForUser(userId),
      this.profiles.get(userId),
      this.results.listForUser(userId),
    ]);
    const courseIds = [...new Set([...enrolments.map((e) => e.courseId), ...attempts.map((a) => a.courseId)])];
    const courses = await this.catalogue.coursesForLearning(courseIds);
    const language = profile.preferredLanguage;
    // A course with activity but no stored result yet (activity older than results): compute it once.
    for (const courseId of new Set(attempts.map((a) => a.courseId))) {
      if (!results.some((r) => r.courseId === courseId)) {
        results.push(await this.results.recompute(userId, courseId));
      }
    }
    return courses.map((course) => {
      const mine = attempts.filter((a) => a.courseId === course.id);
      // Attempts come newest launch first: the package last used, else the latest in the learner's language.
      const pkg =
        course.packages.find((p) => p.id === mine[0]?.packageId) ??
        course.packages.find((p) => p.language === language) ??
        course.packages.find((p) => p.language === 'en') ??
        course.packages[0];
      const enrolment = enrolments.find((e) => e.courseId === course.id);
      const result = results.find((r) => r.courseId === course.id) ?? null;
      return rollUp(
        course.id,
        titleOf(course.texts, display ?? language),
        pkg,
        mine,
        enrolment?.enrolledAt ?? null,
        result,
      );
    });
  }

  async history(userId: string, courseId: string): Promise<AttemptHistoryEntry[]> {
    const attempts = await this.attempts.listForUser(userId, courseId);
    if (attempts.length === 0) {
      return [];
    }
    const [course] = await this.catalogue.coursesForLearning([courseId]);
    return attempts.map((attempt) => {
      const pkg = course.packages.find((p) => p.id === attempt.packageId);
      return {
        attemptId: attempt.id,
        packageId: attempt.packageId,
        language: pkg?.language ?? null,
        version: pkg?.version ?? null,
        itemId: attempt.itemId,
        title: pkg?.launchables.find((item) => item.itemIdentifier === attempt.itemId)?.title ?? attempt.itemId,
        number: attempt.number,
        sessions: attempt.sessionNo,
        completionStatus: attempt.completionStatus,
        successStatus: attempt.successStatus,
        scoreScaled: attempt.scoreScaled,
        totalTimeSeconds: attempt.totalSeconds,
        timeMeasured: isTimeMeasured(attempt),
        startedAt: attempt.createdAt,
        lastActivityAt: lastActivity(attempt),
      };
    });
  }
}

function titleOf(texts: CourseTranslation[], language: string): string {
  return (
    (texts.find((t) => t.language === language) ?? texts.find((t) => t.language === 'en') ?? texts[0])?.title ?? ''
  );
}
