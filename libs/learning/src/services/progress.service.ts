import { Injectable } from '@nestjs/common';
import { ProfileService } from '@app/accounts';
import { CatalogueService, CoursePackage, CourseTranslation } from '@app/catalogue';
import { Attempt, CompletionStatus, SuccessStatus } from '../entities/attempt.entity';
import { AttemptRepository } from '../repositories/attempt.repository';
import { EnrolmentRepository } from '../repositories/enrolment.repository';

export interface ItemProgress {
  itemId: string;
  title: string;
  type: 'sco' | 'asset';
  attempts: number;
  completionStatus: CompletionStatus;
  successStatus: SuccessStatus;
  scoreScaled: number | null;
  totalTimeSeconds: number;
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
 * Course rollup of docs/player.md from the latest attempt of each launchable of the package the
 * learner last used: completed when every launchable's latest attempt is completed; failed if any
 * SCO failed; passed if every SCO that reports success passed (at least one); mean scaled score of
 * the SCOs that report one; time summed over every attempt of the course.
 */
export function rollUp(
  courseId: string,
  title: string,
  pkg: Pick<CoursePackage, 'id' | 'language' | 'launchables'> | undefined,
  attempts: Attempt[],
  enrolledAt: Date | null,
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
    };
  });
  const scos = items.filter((item) => item.type === 'sco');
  const reporting = scos.filter((item) => item.successStatus !== 'unknown');
  const scores = scos.map((item) => item.scoreScaled).filter((score): score is number => score !== null);
  const activity = attempts.map(lastActivity);
  return {
    courseId,
    title,
    language: pkg?.language ?? null,
    enrolledAt,
    lastActivityAt: activity.length ? new Date(Math.max(...activity.map((d) => d.getTime()))) : null,
    completionStatus:
      items.length > 0 && items.every((item) => item.completionStatus === 'completed')
        ? 'completed'
        : attempts.length > 0
          ? 'incomplete'
          : 'not attempted',
    successStatus: reporting.some((item) => item.successStatus === 'failed')
      ? 'failed'
      : reporting.length > 0 && reporting.every((item) => item.successStatus === 'passed')
        ? 'passed'
        : 'unknown',
    scoreScaled: scores.length
      ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100_000) / 100_000
      : null,
    totalTimeSeconds: round2(attempts.reduce((sum, a) => sum + a.totalSeconds, 0)),
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
  ) {}

  async myLearning(userId: string): Promise<CourseProgress[]> {
    const [enrolments, attempts, profile] = await Promise.all([
      this.enrolments.listForUser(userId),
      this.attempts.listForUser(userId),
      this.profiles.get(userId),
    ]);
    const courseIds = [...new Set([...enrolments.map((e) => e.courseId), ...attempts.map((a) => a.courseId)])];
    const courses = await this.catalogue.coursesForLearning(courseIds);
    const language = profile.preferredLanguage;
    return courses.map((course) => {
      const mine = attempts.filter((a) => a.courseId === course.id);
      // Attempts come newest launch first: the package last used, else the latest in the learner's language.
      const pkg =
        course.packages.find((p) => p.id === mine[0]?.packageId) ??
        course.packages.find((p) => p.language === language) ??
        course.packages.find((p) => p.language === 'en') ??
        course.packages[0];
      const enrolment = enrolments.find((e) => e.courseId === course.id);
      return rollUp(course.id, titleOf(course.texts, language), pkg, mine, enrolment?.enrolledAt ?? null);
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
