import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, In, Repository } from 'typeorm';
import { ImportJob, ImportJobState } from '../entities/import-job.entity';

@Injectable()
export class ImportJobRepository {
  private readonly finishedListeners: Array<(id: string) => Promise<void>> = [];

  constructor(@InjectRepository(ImportJob) private readonly jobs: Repository<ImportJob>) {}

  /** Called after a job is marked completed or failed (its requester is told: ImportNotifier). */
  onFinished(listener: (id: string) => Promise<void>): void {
    this.finishedListeners.push(listener);
  }

  private async finished(id: string): Promise<void> {
    for (const listener of this.finishedListeners) {
      await listener(id);
    }
  }

  async insert(job: ImportJob, manager?: EntityManager): Promise<void> {
    await (manager?.getRepository(ImportJob) ?? this.jobs).insert(job);
  }

  /** Runs `work` in one transaction. */
  inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.jobs.manager.transaction(work);
  }

  /** A job the caller may see: their own, or any when `requestedBy` is null (admins). */
  findVisible(id: string, requestedBy: string | null): Promise<ImportJob | null> {
    return this.jobs.findOneBy(requestedBy ? { id, requestedBy } : { id });
  }

  async history(
    requestedBy: string | null,
    page: number,
    pageSize: number,
    state?: ImportJobState,
  ): Promise<{ items: ImportJob[]; total: number }> {
    const [items, total] = await this.jobs.findAndCount({
      where: { ...(requestedBy ? { requestedBy } : {}), ...(state ? { state } : {}) },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items, total };
  }

  /**
   * Jobs not finished created more than `seconds` ago, oldest first: waiting ones, and active ones
   * whose run has not touched them for `quietSeconds` (a live run keeps its row fresh).
   */
  unfinishedOlderThan(seconds: number, quietSeconds: number): Promise<ImportJob[]> {
    return this.jobs
      .createQueryBuilder('j')
      .where('j.created_at <= NOW(3) - INTERVAL :seconds SECOND', { seconds })
      .andWhere(
        new Brackets((where) =>
          where
            .where('j.state = :waiting', { waiting: ImportJobState.Waiting })
            .orWhere('(j.state = :active AND j.updated_at <= NOW(3) - INTERVAL :quiet SECOND)', {
              active: ImportJobState.Active,
              quiet: quietSeconds,
            }),
        ),
      )
      .orderBy('j.created_at', 'ASC')
      .limit(1000)
      .getMany();
  }

  /** Marks the job active; false when its row has already finished (or is gone). */
  async markActive(id: string): Promise<boolean> {
    const updated = await this.jobs.update(
      { id, state: In([ImportJobState.Waiting, ImportJobState.Active]) },
      { state: ImportJobState.Active, updatedAt: () => 'CURRENT_TIMESTAMP(3)' },
    );
    return (updated.affected ?? 0) === 1;
  }

  /** A running import's heartbeat. */
  async touch(id: string): Promise<void> {
    await this.jobs.update({ id, state: ImportJobState.Active }, { updatedAt: () => 'CURRENT_TIMESTAMP(3)' });
  }

  async setProgress(id: string, progress: number): Promise<void> {
    await this.jobs.update({ id, state: ImportJobState.Active }, { progress });
  }

  async markCompleted(id: string, result: object): Promise<void> {
    await this.jobs.update(
      { id },
      { state: ImportJobState.Completed, progress: 100, result, error: null, errorCode: null, finishedAt: new Date() },
    );
    await this.finished(id);
  }

  async markFailed(id: string, error: string, errorCode: string): Promise<void> {
    await this.jobs.update(
      { id },
      {
        state: ImportJobState.Failed,
        error: error.slice(0, 2000),
        errorCode: errorCode.slice(0, 60),
        finishedAt: new Date(),
      },
    );
    await this.finished(id);
  }

  /** Back to waiting for a retry, keeping the last error for people to read. */
  async markRetrying(id: string, error: string): Promise<void> {
    await this.jobs.update({ id }, { state: ImportJobState.Waiting, progress: 0, error: error.slice(0, 2000) });
  }
}
