import { HttpStatus, Injectable } from '@nestjs/common';
import { SessionService } from '@app/accounts';
import { DomainException, ErrorCode } from '@app/common';
import { CommitBodyError, markSuspended, parseCommitBody } from '../cmi/commit-body';
import { AttemptRepository } from '../repositories/attempt.repository';
import { launchEnded } from '../tokens/launch-standing';
import { LaunchTokenService } from '../tokens/launch-token.service';

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
    switch (outcome) {
      case 'written':
      case 'stale':
        return COMMIT_ACCEPTED;
      case 'not-found':
        throw DomainException.notFound('Attempt', ErrorCode.AttemptNotFound);
      case 'session-ended':
      case 'account-inactive':
        throw launchEnded(outcome);
      case 'superseded':
        throw new DomainException(
          ErrorCode.SessionSuperseded,
          HttpStatus.CONFLICT,
          'This attempt was launched again elsewhere; this session can no longer save',
        );
    }
  }
}
