import { Injectable } from '@nestjs/common';
import { SessionService } from '@app/accounts';
import { CatalogueService } from '@app/catalogue';
import { DomainException, ErrorCode } from '@app/common';
import type { ParsedManifest } from '@app/scorm';
import { CommitBodyError, markSuspended, parseCommitBody } from '../cmi/commit-body';
import { InteractionExtractionService } from '../interactions/interaction-extraction.service';
import { AttemptRepository } from '../repositories/attempt.repository';
import { launchEnded } from '../tokens/launch-standing';
import { LaunchTokenService } from '../tokens/launch-token.service';
import { CourseResultService } from './course-result.service';
import { SharedDataService } from './shared-data.service';

export interface CommitRequest {
  attemptId: string;
  token: string | undefined;
  /** The parsed JSON body, or the text of a `text/plain` (sendBeacon) commit. */
  body: unknown;
  /** `pagehide`: the player's last-chance beacon. */
  reason?: string;
  /** scorm-again's `terminateCommitParam`: this is the terminate commit. */
  terminate?: boolean;
}

export const COMMIT_ACCEPTED = Object.freeze({ result: true, errorCode: 0 });

/** The SCORM commit: token, then shape, then one conditional UPDATE. */
@Injectable()
export class CommitService {
  constructor(
    private readonly attempts: AttemptRepository,
    private readonly tokens: LaunchTokenService,
    private readonly sessions: SessionService,
    private readonly results: CourseResultService,
    private readonly sharedData: SharedDataService,
    private readonly catalogue: CatalogueService,
    private readonly interactions: InteractionExtractionService,
  ) {}

  async commit(request: CommitRequest): Promise<typeof COMMIT_ACCEPTED> {
    const claims = this.tokens.verify(request.token);
    if (claims.att !== request.attemptId) {
      throw DomainException.notFound('Attempt', ErrorCode.AttemptNotFound);
    }
    let data;
    try {
      data = parseCommitBody(request.body, claims.std);
    } catch (error) {
      if (error instanceof CommitBodyError) {
        throw error.problem === 'suspend-data-too-long'
          ? DomainException.badRequest(error.message, ErrorCode.SuspendDataTooLong)
          : DomainException.badRequest(error.message, ErrorCode.CommitInvalid);
      }
      throw error;
    }
    if (claims.rev) {
      // Review: the learner looks at a completed attempt; nothing they do changes it.
      const standing = await this.sessions.standing(claims.sid, claims.sub);
      if (standing !== 'live') {
        throw launchEnded(standing);
      }
      return COMMIT_ACCEPTED;
    }
    if (request.terminate) {
      data.terminated = true;
    }
    if (request.reason === 'pagehide') {
      data = markSuspended(data, claims.std);
    }
    const outcome = await this.attempts.commit(request.attemptId, claims.sub, claims.ses, claims.sid, data);
    const written = outcome === 'written' || outcome === 'status-changed';
    if (written) {
      // Question analysis and the reports' time: brought up to date by a job after this commit (one a
      // window per attempt), never on its path (docs/reports.md).
      this.interactions.schedule(request.attemptId);
    }
    const shares = written && data.sharedData !== null && Object.keys(data.sharedData).length > 0;
    if (outcome === 'status-changed' || shares) {
      // Rare paths (a status change, 4th edition shared data): only they read where the attempt belongs.
      const place = await this.attempts.placeOf(request.attemptId, claims.sub);
      if (place && shares) {
        const pkg = await this.catalogue.packageWithManifest(place.packageId);
        if (pkg) {
          const access = this.sharedData.accessOf(pkg.manifest as ParsedManifest, place.courseId, place.itemId);
          await this.sharedData.write(claims.sub, access, data.sharedData!);
        }
      }
      if (place && outcome === 'status-changed') {
        // Only a commit that changed the item's status recomputes the course result (docs/course-results.md).
        await this.results.afterStatusChange(claims.sub, place.courseId);
      }
    }
    switch (outcome) {
      case 'status-changed':
      case 'written':
      case 'stale':
        return COMMIT_ACCEPTED;
      case 'not-found':
        throw DomainException.notFound('Attempt', ErrorCode.AttemptNotFound);
      case 'session-ended':
      case 'account-inactive':
        throw launchEnded(outcome);
      case 'superseded':
        throw DomainException.conflict(
          'This attempt was launched again elsewhere; this session can no longer save',
          ErrorCode.SessionSuperseded,
        );
    }
  }
}
