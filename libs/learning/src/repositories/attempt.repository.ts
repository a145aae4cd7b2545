import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { Pool, ResultSetHeader, RowDataPacket } from 'mysql2';
import { DataSource, FindOptionsSelect, In, Repository } from 'typeorm';
import type { MysqlDriver } from 'typeorm/driver/mysql/MysqlDriver';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Attempt, SessionEntry } from '../entities/attempt.entity';
import { DerivedCommit } from '../cmi/commit-body';

/** Every column but the CMI itself: what launch decisions and progress read. */
const SUMMARY_COLUMN_NAMES: Array<keyof Attempt> = [
  'id',
  'userId',
  'courseId',
  'packageId',
  'itemId',
  'number',
  'standard',
  'itemType',
  'sessionNo',
  'commitSeq',
  'entry',
  'completionStatus',
  'successStatus',
  'scoreScaled',
  'exitMode',
  'terminated',
  'baseSeconds',
  'sessionSeconds',
  'totalSeconds',
  'wallSeconds',
  'sessionReported',
  'timeMeasured',
  'statusVersion',
  'createdAt',
  'launchedAt',
  'lastCommitAt',
];
const SUMMARY_COLUMNS = Object.fromEntries(
  SUMMARY_COLUMN_NAMES.map((name) => [name, true]),
) as FindOptionsSelect<Attempt>;

/**
 * The commit, in one statement: writes only where the attempt is the token's (id and user), the
 * session is the token's, the commit sequence is newer than the stored one, and the sign-in session
 * that launched it is live and its account active (docs/player.md; an uncorrelated EXISTS on two
 * primary keys, so MariaDB evaluates it once and the commit stays one round trip). Session time is the
 * SCO's `session_time`, else (terminate commit without one) scorm-again's total minus the base,
 * never less than what this session already committed; `total_seconds` is assigned first so it
 * reads the old `session_seconds` on MySQL and MariaDB alike. The first assignment compares the
 * derived status with the stored one before it is overwritten and hands the answer back in the OK
 * packet (LAST_INSERT_ID(expr), as startSession does): 1 when the status changed, else 0.
 * While the SCO reports no time of its own in a session (`session_reported`), the session counts its
 * wall time (`wall_seconds`: launch to this commit, a gap between commits over MAX_GAP_SECONDS left
 * out as idle), and the attempt says its time was measured by the platform (docs/course-results.md).
 */
/** A gap between two commits (or the launch and a commit) longer than this is idle time, not counted. */
export const MAX_GAP_SECONDS = 30 * 60;

const COMMIT_SQL = `UPDATE attempts SET
  status_version = status_version + LAST_INSERT_ID(NOT (completion_status <=> ? AND success_status <=> ?
    AND score_scaled <=> CAST(? AS DECIMAL(6,5)) AND exit_mode <=> ? AND \`terminated\` <=> ?)),
  cmi = ?, adl = ?, completion_status = ?, success_status = ?, score_scaled = ?,
  wall_seconds = wall_seconds + IF(
    TIMESTAMPDIFF(MICROSECOND, GREATEST(launched_at, COALESCE(last_commit_at, launched_at)), CURRENT_TIMESTAMP(3))
      BETWEEN 0 AND ${MAX_GAP_SECONDS} * 1000000,
    TIMESTAMPDIFF(MICROSECOND, GREATEST(launched_at, COALESCE(last_commit_at, launched_at)), CURRENT_TIMESTAMP(3))
      / 1000000,
    0),
  session_reported = session_reported OR LEAST(COALESCE(?, ? - base_seconds, 0), 100000000) > 0,
  total_seconds = base_seconds + IF(session_reported,
    GREATEST(session_seconds, LEAST(COALESCE(?, ? - base_seconds, 0), 100000000)), wall_seconds),
  session_seconds = GREATEST(session_seconds, LEAST(COALESCE(?, ? - base_seconds, 0), 100000000)),
  exit_mode = ?, \`terminated\` = ?, commit_seq = COALESCE(?, commit_seq),
  last_commit_at = CURRENT_TIMESTAMP(3)
WHERE id = ? AND user_id = ? AND session_no = ? AND (? IS NULL OR commit_seq < ?)
  AND EXISTS (SELECT 1 FROM auth_sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = ? AND s.user_id = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND u.status = 'active')`;

/** Why nothing was written, asked only when the commit wrote nothing. */
const COMMIT_FAILURE_SQL = `SELECT a.session_no, u.status, s.revoked_at, s.expires_at FROM attempts a
  JOIN users u ON u.id = a.user_id
  LEFT JOIN auth_sessions s ON s.id = ? AND s.user_id = a.user_id
WHERE a.id = ? AND a.user_id = ?`;

export type CommitOutcome =
  'written' | 'status-changed' | 'stale' | 'superseded' | 'not-found' | 'session-ended' | 'account-inactive';

@Injectable()
export class AttemptRepository {
  private readonly pool: Pool;

  constructor(
    @InjectRepository(Attempt) private readonly attempts: Repository<Attempt>,
    @InjectDataSource() dataSource: DataSource,
  ) {
    // mysql2's prepared `execute` on the pool TypeORM already holds: the hot path skips TypeORM's
    // query layer (measured at 0.6× of this: docs/architecture.md, "A commit").
    const pool = (dataSource.driver as MysqlDriver).pool as Pool | undefined;
    if (!pool) {
      throw new Error('The learning run-time needs the mysql driver’s connection pool');
    }
    this.pool = pool;
  }

  findLatestForItem(userId: string, packageId: string, itemId: string): Promise<Attempt | null> {
    return this.attempts.findOne({
      select: SUMMARY_COLUMNS,
      where: { userId, packageId, itemId },
      order: { number: 'DESC' },
    });
  }

  /** The user's most recently launched attempt among these packages. */
  findLastLaunched(userId: string, courseId: string, packageIds: string[]): Promise<Attempt | null> {
    if (packageIds.length === 0) {
      return Promise.resolve(null);
    }
    return this.attempts.findOne({
      select: SUMMARY_COLUMNS,
      where: { userId, courseId, packageId: In(packageIds) },
      order: { launchedAt: 'DESC', number: 'DESC' },
    });
  }

  /** An attempt of this user, with its CMI; another user's is not found. */
  findForUser(id: string, userId: string): Promise<Attempt | null> {
    return this.attempts.findOneBy({ id, userId });
  }

  /** The user's attempts (no CMI), of one course or all, newest launch first. */
  listForUser(userId: string, courseId?: string): Promise<Attempt[]> {
    return this.attempts.find({
      select: SUMMARY_COLUMNS,
      where: courseId ? { userId, courseId } : { userId },
      order: { launchedAt: 'DESC', number: 'DESC' },
    });
  }

  /** The user's attempts in one package (no CMI). */
  listForPackage(userId: string, packageId: string): Promise<Attempt[]> {
    return this.attempts.find({ select: SUMMARY_COLUMNS, where: { userId, packageId }, order: { number: 'DESC' } });
  }

  /** Where an attempt of this user belongs (null when it is not theirs). */
  async placeOf(id: string, userId: string): Promise<{ courseId: string; packageId: string; itemId: string } | null> {
    const rows = await this.execute<RowDataPacket[]>(
      'SELECT course_id, package_id, item_id FROM attempts WHERE id = ? AND user_id = ?',
      [id, userId],
    );
    return rows.length > 0
      ? { courseId: String(rows[0].course_id), packageId: String(rows[0].package_id), itemId: String(rows[0].item_id) }
      : null;
  }

  /** Inserts an attempt; false when its number was taken by a simultaneous launch. */
  async insert(attempt: Attempt): Promise<boolean> {
    try {
      await this.attempts.insert(attempt as QueryDeepPartialEntity<Attempt>);
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === 'ER_DUP_ENTRY') {
        return false;
      }
      throw error;
    }
  }

  /**
   * Starts the next session of an attempt: folds the last session's time into the base, resets
   * the commit sequence. One statement, and the new session number comes back in its OK packet
   * (LAST_INSERT_ID(expr)), so simultaneous launches each get their own session and the last one
   * wins. Null when the attempt is not this user's.
   */
  async startSession(attempt: Attempt, entry: SessionEntry): Promise<number | null> {
    const result = await this.execute<ResultSetHeader>(
      `UPDATE attempts SET session_no = LAST_INSERT_ID(session_no + 1),
        base_seconds = base_seconds + IF(session_reported, session_seconds, wall_seconds),
        time_measured = time_measured OR (NOT session_reported AND wall_seconds > 0),
        session_seconds = 0, wall_seconds = 0, session_reported = 0, commit_seq = 0, \`terminated\` = 0, entry = ?, launched_at = CURRENT_TIMESTAMP(3)
       WHERE id = ? AND user_id = ?`,
      [entry, attempt.id, attempt.userId],
    );
    return result.affectedRows === 1 ? Number(result.insertId) : null;
  }

  /**
   * Writes one commit (one statement) of the launch `sessionNo` started by the sign-in session
   * `signInSessionId`; only when nothing was written, a second query tells why.
   */
  async commit(
    id: string,
    userId: string,
    sessionNo: number,
    signInSessionId: string,
    data: DerivedCommit,
  ): Promise<CommitOutcome> {
    const sequence = data.commitSequence;
    const now = new Date();
    const result = await this.execute<ResultSetHeader>(COMMIT_SQL, [
      data.completionStatus,
      data.successStatus,
      data.scoreScaled,
      data.exit,
      data.terminated ? 1 : 0,
      JSON.stringify(data.cmi),
      data.adl === null ? null : JSON.stringify(data.adl),
      data.completionStatus,
      data.successStatus,
      data.scoreScaled,
      data.sessionSeconds,
      data.totalSeconds,
      data.sessionSeconds,
      data.totalSeconds,
      data.sessionSeconds,
      data.totalSeconds,
      data.exit,
      data.terminated ? 1 : 0,
      sequence,
      id,
      userId,
      sessionNo,
      sequence,
      sequence,
      signInSessionId,
      userId,
      now,
    ]);
    if (result.affectedRows === 1) {
      return Number(result.insertId) === 1 ? 'status-changed' : 'written';
    }
    const rows = await this.execute<RowDataPacket[]>(COMMIT_FAILURE_SQL, [signInSessionId, id, userId]);
    if (rows.length === 0) {
      return 'not-found';
    }
    const [row] = rows as Array<{
      session_no: number;
      status: string;
      revoked_at: Date | null;
      expires_at: Date | null;
    }>;
    if (row.status !== 'active') {
      return 'account-inactive';
    }
    if (row.expires_at === null || row.revoked_at !== null || row.expires_at <= now) {
      return 'session-ended';
    }
    return Number(row.session_no) === sessionNo ? 'stale' : 'superseded';
  }

  private execute<T>(sql: string, values: unknown[]): Promise<T> {
    return new Promise((resolve, reject) => {
      this.pool.execute(sql, values as never, (error, result) => (error ? reject(error) : resolve(result as T)));
    });
  }
}
