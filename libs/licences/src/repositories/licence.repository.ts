import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { LicenceChange, LicenceChangeKind, LicenceTerms } from '../entities/licence-change.entity';
import { Licence } from '../entities/licence.entity';

/** Hub side: the licences granted and their append-only change log. */
@Injectable()
export class LicenceRepository {
  constructor(
    @InjectRepository(Licence) private readonly licences: Repository<Licence>,
    @InjectRepository(LicenceChange) private readonly changes: Repository<LicenceChange>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Runs `work` in one transaction; the methods below take its manager. */
  inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Every licence, newest first. */
  list(): Promise<Licence[]> {
    return this.licences.find({ order: { createdAt: 'DESC' } });
  }

  findById(id: string): Promise<Licence | null> {
    return this.licences.findOneBy({ id });
  }

  /** The licence, its row locked until the transaction ends (no lost update between admins). */
  findForUpdate(manager: EntityManager, id: string): Promise<Licence | null> {
    return manager.findOne(Licence, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(manager: EntityManager, licence: Licence): Promise<void> {
    await manager.insert(Licence, licence);
  }

  async updateTerms(
    manager: EntityManager,
    id: string,
    terms: LicenceTerms,
    revision: number,
    updatedBy: string,
  ): Promise<void> {
    await manager.update(Licence, { id }, { ...terms, revision, updatedBy });
  }

  async recordChange(
    manager: EntityManager,
    change: { licenceId: string; revision: number; kind: LicenceChangeKind; changedBy: string; terms: LicenceTerms },
  ): Promise<void> {
    await manager.insert(LicenceChange, change);
  }

  /** Every revision of a licence, newest first. */
  changesOf(licenceId: string): Promise<LicenceChange[]> {
    return this.changes.find({ where: { licenceId }, order: { revision: 'DESC' } });
  }

  /** The change that made each licence's current revision (one query for the lot). */
  currentChanges(licences: Array<Pick<Licence, 'id' | 'revision'>>): Promise<LicenceChange[]> {
    if (licences.length === 0) {
      return Promise.resolve([]);
    }
    return this.changes.findBy(licences.map((licence) => ({ licenceId: licence.id, revision: licence.revision })));
  }
}
