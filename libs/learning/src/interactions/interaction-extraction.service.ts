import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { JobName, QueueService } from '@app/queue';
import type { LearningStandard } from '../entities/attempt.entity';
import { extractInteractions } from './extract-interactions';

/**
 * Commits of one attempt within this many milliseconds share one extraction job, which runs after
 * the window closes (so it reads the window's last commit): an attempt is extracted at most once a
 * window, whatever its SCO's commit rate.
 */
export const EXTRACTION_WINDOW_MS = 10_000;
/** Extra wait past the window's end, for a commit still in flight at its edge. */
const EXTRACTION_GRACE_MS = 2_000;

/**
 * The question analysis' data (docs/reports.md, "Question analysis"): the interactions an attempt's
 * SCOs reported, copied into `attempt_interactions` by a job queued after the commit, off its path.
 */
@Injectable()
export class InteractionExtractionService {
  private readonly logger = new Logger(InteractionExtractionService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueService,
  ) {}

  /**
   * Queues the extraction of an attempt after a commit (its interactions, and its time in the reports'
   * summary); never awaited by
   * the commit, and a queue that cannot take it only costs this extraction (the next commit queues
   * one again). The job id names the window, so the commits of a window queue one job.
   */
  schedule(attemptId: string, now = Date.now()): void {
    const windowEnd = (Math.floor(now / EXTRACTION_WINDOW_MS) + 1) * EXTRACTION_WINDOW_MS;
    this.queues
      .enqueue(
        JobName.ExtractInteractions,
        { attemptId },
        { jobId: `interactions-${attemptId}-${windowEnd}`, delayMs: windowEnd - now + EXTRACTION_GRACE_MS },
      )
      .catch((error: unknown) => {
        this.logger.warn(`Interactions of attempt ${attemptId} not queued: ${(error as Error).message}`);
      });
  }

  /**
   * Replaces the attempt's rows with what its CMI holds now, and refreshes the learner's time in the
   * course in the reports' summary (there is no trigger on UPDATE of attempts: see the
   * report-summaries migration); the number of interactions.
   */
  async extract(attemptId: string): Promise<number> {
    return this.dataSource.transaction(async (manager: EntityManager) => {
      const [attempt] = await manager.query<
        Array<{ user_id: string; course_id: string; standard: LearningStandard; cmi: unknown }>
      >('SELECT user_id, course_id, standard, cmi FROM attempts WHERE id = ?', [attemptId]);
      await manager.query('DELETE FROM attempt_interactions WHERE attempt_id = ?', [attemptId]);
      if (!attempt) {
        return 0;
      }
      await manager.query(
        `UPDATE report_learning SET time_seconds = (SELECT COALESCE(SUM(a.total_seconds), 0) FROM attempts a
           WHERE a.user_id = ? AND a.course_id = ?)
         WHERE user_id = ? AND course_id = ?`,
        [attempt.user_id, attempt.course_id, attempt.user_id, attempt.course_id],
      );
      const cmi: unknown = typeof attempt.cmi === 'string' ? JSON.parse(attempt.cmi) : attempt.cmi;
      const rows = extractInteractions(cmi, attempt.standard);
      if (rows.length > 0) {
        await manager.query(
          `INSERT INTO attempt_interactions (attempt_id, interaction_id, user_id, course_id, position, type, response,
             result, correct_response) VALUES ?`,
          [
            rows.map((row) => [
              attemptId,
              row.interactionId,
              attempt.user_id,
              attempt.course_id,
              row.position,
              row.type,
              row.response,
              row.result,
              row.correctResponse,
            ]),
          ],
        );
      }
      return rows.length;
    });
  }
}
