import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ProfileService, SessionService } from '@app/accounts';
import { CatalogueService, CoursePackage } from '@app/catalogue';
import { DomainException, ErrorCode } from '@app/common';
import { AppConfig } from '@app/config';
import { LaunchView } from '../dto/learning.dto';
import { Attempt } from '../entities/attempt.entity';
import { AttemptRepository } from '../repositories/attempt.repository';
import { launchEnded } from '../tokens/launch-standing';
import { EnrolmentService } from './enrolment.service';
import { LaunchTokenService } from '../tokens/launch-token.service';
import { CourseResultService } from './course-result.service';
import { decideLaunch } from './launch-rules';

export interface LaunchOptions {
  itemId?: string;
  language?: 'en' | 'fr' | 'es';
  newAttempt?: boolean;
}

/** Simultaneous first launches of one item race on the attempt number; the losers read again. */
const LAUNCH_TRIES = 3;

/** Opens an attempt for a learner: chooses package, item and attempt, starts a session, issues the launch token. */
@Injectable()
export class LaunchService {
  constructor(
    private readonly attempts: AttemptRepository,
    private readonly enrolments: EnrolmentService,
    private readonly catalogue: CatalogueService,
    private readonly profiles: ProfileService,
    private readonly tokens: LaunchTokenService,
    private readonly sessions: SessionService,
    private readonly config: AppConfig,
    private readonly results: CourseResultService,
  ) {}

  /** A launch by the signed-in `userId`; its token belongs to the sign-in session `sessionId`. */
  async launch(userId: string, sessionId: string, courseId: string, options: LaunchOptions): Promise<LaunchView> {
    const course = await this.catalogue.publishedCourse(courseId);
    if (course.packages.length === 0) {
      throw DomainException.conflict('This course has no package to launch yet', ErrorCode.CourseHasNoPackage);
    }
    await this.enrolments.ensure(userId, courseId, course.seatCap);
    const profile = await this.profiles.get(userId);
    const languages = [options.language, profile.preferredLanguage, 'en'];
    const language =
      languages.find((lang) => course.packages.some((pkg) => pkg.language === lang)) ?? course.packages[0].language;
    // packagesOf sorts by language, then version descending: the first is the latest.
    const versions = course.packages.filter((pkg) => pkg.language === language);
    const last = await this.attempts.findLastLaunched(
      userId,
      courseId,
      versions.map((pkg) => pkg.id),
    );
    let pkg = versions[0];
    if (last && last.packageId !== pkg.id && last.completionStatus !== 'completed') {
      pkg = versions.find((version) => version.id === last.packageId) ?? pkg;
    }
    let itemId = options.itemId;
    if (itemId === undefined) {
      const lastHere =
        last?.packageId === pkg.id ? last : await this.attempts.findLastLaunched(userId, courseId, [pkg.id]);
      itemId =
        lastHere && pkg.launchables.some((item) => item.itemIdentifier === lastHere.itemId)
          ? lastHere.itemId
          : pkg.launchables[0].itemIdentifier;
    }
    return this.open(userId, sessionId, courseId, pkg, itemId, options.newAttempt === true);
  }

  /** The player's move to another item of the same package, authorised by the current launch token. */
  async launchItem(
    token: string | undefined,
    attemptId: string,
    itemId: string,
    newAttempt: boolean,
  ): Promise<LaunchView> {
    const claims = this.tokens.verify(token);
    if (claims.att !== attemptId) {
      throw DomainException.notFound('Attempt', ErrorCode.AttemptNotFound);
    }
    const [standing, attempt] = await Promise.all([
      this.sessions.standing(claims.sid, claims.sub),
      this.attempts.findForUser(attemptId, claims.sub),
    ]);
    if (standing !== 'live') {
      throw launchEnded(standing);
    }
    if (!attempt) {
      throw DomainException.notFound('Attempt', ErrorCode.AttemptNotFound);
    }
    const course = await this.catalogue.publishedCourse(attempt.courseId);
    const pkg = course.packages.find((version) => version.id === attempt.packageId);
    if (!pkg) {
      throw DomainException.notFound('Item', ErrorCode.ItemNotFound);
    }
    return this.open(claims.sub, claims.sid, attempt.courseId, pkg, itemId, newAttempt);
  }

  private async open(
    userId: string,
    sessionId: string,
    courseId: string,
    pkg: CoursePackage,
    itemId: string,
    newAttempt: boolean,
  ): Promise<LaunchView> {
    const launchable = pkg.launchables.find((item) => item.itemIdentifier === itemId);
    if (!launchable) {
      throw DomainException.notFound('Item', ErrorCode.ItemNotFound);
    }
    for (let tries = 0; tries < LAUNCH_TRIES; tries++) {
      const latest = await this.attempts.findLatestForItem(userId, pkg.id, itemId);
      const decision = decideLaunch(latest, pkg.standard, launchable.type, newAttempt);
      switch (decision.kind) {
        case 'review':
          return this.view(decision.attempt, sessionId, decision.attempt.sessionNo, true);
        case 'session': {
          const session = await this.attempts.startSession(decision.attempt, decision.entry);
          if (session !== null) {
            // A new session is no longer terminated: the item may count as ended no more.
            await this.results.afterStatusChange(userId, courseId);
            return this.view(decision.attempt, sessionId, session, false);
          }
          break;
        }
        case 'new': {
          const attempt = Object.assign(new Attempt(), {
            id: randomUUID(),
            userId,
            courseId,
            packageId: pkg.id,
            itemId,
            number: decision.number,
            standard: pkg.standard,
            itemType: launchable.type,
            sessionNo: 1,
            commitSeq: 0,
            entry: 'ab-initio',
            cmi: null,
            adl: null,
            // An asset has no run-time: launching it is completing it.
            completionStatus: launchable.type === 'asset' ? 'completed' : 'not attempted',
            successStatus: 'unknown',
            scoreScaled: null,
            exitMode: '',
            terminated: false,
            baseSeconds: 0,
            sessionSeconds: 0,
            totalSeconds: 0,
            lastCommitAt: null,
          } satisfies Partial<Attempt>);
          if (await this.attempts.insert(attempt)) {
            // A new attempt replaces the item's latest status (and an asset is completed by launching it).
            await this.results.afterStatusChange(userId, courseId);
            return this.view(attempt, sessionId, 1, false);
          }
          break;
        }
      }
    }
    throw DomainException.conflict('The item is being launched elsewhere: try again', ErrorCode.Conflict);
  }

  private view(attempt: Attempt, signInSessionId: string, session: number, review: boolean): LaunchView {
    const token = this.tokens.issue({
      sub: attempt.userId,
      sid: signInSessionId,
      att: attempt.id,
      ses: session,
      std: attempt.standard,
      ...(review ? { rev: true as const } : {}),
    });
    const origin = this.config.publicUrl.origin;
    return {
      attemptId: attempt.id,
      launchUrl: `${origin}/play/${attempt.id}#token=${token}`,
      commitUrl: `${origin}/api/attempts/${attempt.id}/commit?token=${token}`,
    };
  }
}
