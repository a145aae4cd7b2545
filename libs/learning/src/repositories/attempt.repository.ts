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
  'createdAt',
  'launchedAt',
  'lastCommitAt',
];
const SUMMARY_COLUMNS = Object.fromEntries(
  SUMMARY_COLUMN_NAMES.map((name) => [name, true]),
) as FindOptionsSelect<Attempt>;

/**
 * The commit, in one statement: writes only where the attempt is the token's (id and user), the
 * session is the token's and the commit sequence is newer than the stored one. Session time is the
 * SCO's `session_time`, else (terminate commit without one) scorm-again's total minus the base,
 * never less than what this session already committed; `total_seconds` is assigned first so it
 * reads the old `session_seconds` on MySQL and MariaDB alike.
 */
const COMMIT_SQL = `UPDATE attempts SET
  cmi = ?, adl = ?, completion_status = ?, success_status = ?, score_scaled = ?,
  total_seconds = base_seconds + GREATEST(session_seconds, LEAST(COALESCE(?, ? - base_seconds, 0), 100000000)),
  session_seconds = GREATEST(session_seconds, LEAST(COALESCE(?, ? - base_seconds, 0), 100000000)),
  exit_mode = ?, \`terminated\` = ?, commit_seq = COALESCE(?, commit_seq),
  last_commit_at = CURRENT_TIMESTAMP(3)
WHERE id = ? AND user_id = ? AND session_no = ? AND (? IS NULL OR commit_seq < ?)`;

export type CommitOutcome = 'written' | 'stale' | 'superseded' | 'not-found';

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
      `UPDATE attempts SET session_no = LAST_INSERT_ID(session_no + 1), base_seconds = base_seconds + session_seconds,
        session_seconds = 0, commit_seq = 0, \`terminated\` = 0, entry = ?, launched_at = CURRENT_TIMESTAMP(3)
       WHERE id = ? AND user_id = ?`,
      [entry, attempt.id, attempt.userId],
    );
    return result.affectedRows === 1 ? Number(result.insertId) : null;
  }

  /** Writes one commit (one statement); only when nothing was written, a second query tells why. */
  async commit(id: string, userId: string, sessionNo: number, data: DerivedCommit): Promise<CommitOutcome> {
    const sequence = data.commitSequence;
    const result = await this.execute<ResultSetHeader>(COMMIT_SQL, [
      JSON.stringify(data.cmi),
      data.adl === null ? null : JSON.stringify(data.adl),
      data.completionStatus,
      data.successStatus,
      data.scoreScaled,
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
    ]);
    if (result.affectedRows === 1) {
      return 'written';
    }
    const rows = await this.execute<RowDataPacket[]>('SELECT session_no FROM attempts WHERE id = ? AND user_id = ?', [
      id,
      userId,
    ]);
    if (rows.length === 0) {
      return 'not-found';
    }
    return Number(rows[0].session_no) === sessionNo ? 'stale' : 'superseded';
  }

  private execute<T>(sql: string, values: unknown[]): Promise<T> {
    return new Promise((resolve, reject) => {
      this.pool.execute(sql, values as never, (error, result) => (error ? reject(error) : resolve(result as T)));
    });
  }
}
