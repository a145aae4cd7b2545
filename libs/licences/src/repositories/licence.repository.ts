import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository, Between } from 'typeorm';
import { LicenceChange, LicenceChangeKind, LicenceTerms } from '../entities/licence-change.entity';
import { LicenceCourse } from '../entities/licence-course.entity';
import { Licence } from '../entities/licence.entity';

/** Hub side: the licences granted and their append-only change log. */
@Injectable()
export class LicenceRepository {
  constructor(
    @InjectRepository(Licence) private readonly licences: Repository<Licence>,
    @InjectRepository(LicenceChange) private readonly changes: Repository<LicenceChange>,
    @InjectRepository(LicenceCourse) private readonly courses: Repository<LicenceCourse>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Runs `work` in one transaction; the methods below take its manager. */
  inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Every licence, newest first, with its courses. */
  async list(): Promise<Licence[]> {
    return this.withCourses(await this.licences.find({ order: { createdAt: 'DESC' } }));
  }

  async findById(id: string): Promise<Licence | null> {
    const licence = await this.licences.findOneBy({ id });
    return licence && (await this.withCourses([licence]))[0];
  }

  /** The licence, its row locked until the transaction ends (no lost update between admins). */
  async findForUpdate(manager: EntityManager, id: string): Promise<Licence | null> {
    const licence = await manager.findOne(Licence, { where: { id }, lock: { mode: 'pessimistic_write' } });
    return licence && (await this.withCourses([licence], manager))[0];
  }

  async insert(manager: EntityManager, licence: Licence): Promise<void> {
    const { courseIds, ...row } = licence;
    await manager.insert(Licence, row);
    await this.writeCourses(manager, licence.id, courseIds);
  }

  async updateTerms(
    manager: EntityManager,
    id: string,
    terms: LicenceTerms,
    revision: number,
    updatedBy: string,
  ): Promise<void> {
    const { courseIds, ...columns } = terms;
    await manager.update(Licence, { id }, { ...columns, revision, updatedBy });
    await manager.delete(LicenceCourse, { licenceId: id });
    await this.writeCourses(manager, id, courseIds);
  }

  private async writeCourses(manager: EntityManager, licenceId: string, courseIds: string[]): Promise<void> {
    if (courseIds.length > 0) {
      await manager.insert(
        LicenceCourse,
        courseIds.map((courseId, position) => ({ licenceId, courseId, position })),
      );
    }
  }

  /** Fills `courseIds` (in the licence's order) of each licence, in one query. */
  private async withCourses(licences: Licence[], manager?: EntityManager): Promise<Licence[]> {
    if (licences.length === 0) {
      return licences;
    }
    const rows = await (manager?.getRepository(LicenceCourse) ?? this.courses).find({
      where: { licenceId: In(licences.map((licence) => licence.id)) },
      order: { position: 'ASC' },
    });
    for (const licence of licences) {
      licence.courseIds = rows.filter((row) => row.licenceId === licence.id).map((row) => row.courseId);
    }
    return licences;
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

  /** Licences whose last day falls between `from` and `to` (ISO dates, inclusive). */
  endingBetween(from: string, to: string): Promise<Licence[]> {
    return this.licences.find({ where: { validUntil: Between(from, to) }, order: { validUntil: 'ASC' } });
  }
}
