import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Between, DataSource, EntityManager, Repository } from 'typeorm';
import { CertificateIssuerKey } from '../bundle/bundle-format';
import { ReceivedCertificateKey } from '../entities/received-certificate-key.entity';
import { ReceivedLicenceCourse } from '../entities/received-licence-course.entity';
import { ReceivedLicence } from '../entities/received-licence.entity';

/** National side: the licences received from a hub, as last imported. */
@Injectable()
export class ReceivedLicenceRepository {
  constructor(
    @InjectRepository(ReceivedLicence) private readonly received: Repository<ReceivedLicence>,
    @InjectRepository(ReceivedLicenceCourse) private readonly courses: Repository<ReceivedLicenceCourse>,
    @InjectRepository(ReceivedCertificateKey) private readonly certificateKeys: Repository<ReceivedCertificateKey>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Runs `work` in one transaction; the methods below take its manager. */
  inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The licence as last imported, with its courses in the bundle's order. */
  async findById(id: string): Promise<ReceivedLicence | null> {
    const licence = await this.received.findOneBy({ id });
    if (licence) {
      const rows = await this.courses.find({ where: { licenceId: id }, order: { position: 'ASC' } });
      licence.courseIds = rows.map((row) => row.courseId);
    }
    return licence;
  }

  /** The revision held, its row locked until the transaction ends; null when none is held. */
  async lockedRevision(manager: EntityManager, id: string): Promise<number | null> {
    const held: Array<{ revision: number }> = await manager.query(
      'SELECT revision FROM received_licences WHERE id = ? FOR UPDATE',
      [id],
    );
    return held.length > 0 ? Number(held[0].revision) : null;
  }

  /** Records the licence as imported now, its course list replaced by the bundle's. */
  async save(manager: EntityManager, licence: ReceivedLicence): Promise<void> {
    const { courseIds, ...row } = licence;
    await manager.upsert(ReceivedLicence, row, ['id']);
    await manager.delete(ReceivedLicenceCourse, { licenceId: licence.id });
    if (courseIds.length > 0) {
      await manager.insert(
        ReceivedLicenceCourse,
        courseIds.map((courseId, position) => ({ licenceId: licence.id, courseId, position })),
      );
    }
  }

  /**
   * Records the certificate keys a bundle carried (in the import's transaction): new ones are
   * added, known ones take the bundle's names; keys the bundle no longer carries are kept.
   */
  async saveCertificateKeys(
    manager: EntityManager,
    licenceId: string,
    bundleKeyId: string,
    keys: CertificateIssuerKey[],
  ): Promise<void> {
    if (keys.length === 0) return;
    const receivedAt = new Date();
    await manager.upsert(
      ReceivedCertificateKey,
      keys.map((key) => ({ ...key, licenceId, bundleKeyId, receivedAt })),
      ['keyId'],
    );
  }

  /** Every certificate key received in bundles, newest first. */
  listCertificateKeys(): Promise<ReceivedCertificateKey[]> {
    return this.certificateKeys.find({ order: { receivedAt: 'DESC', keyId: 'ASC' } });
  }

  findCertificateKey(keyId: string): Promise<ReceivedCertificateKey | null> {
    return this.certificateKeys.findOneBy({ keyId });
  }

  /** Received licences whose last day falls between `from` and `to` (ISO dates, inclusive). */
  endingBetween(from: string, to: string): Promise<ReceivedLicence[]> {
    return this.received.find({ where: { validUntil: Between(from, to) }, order: { validUntil: 'ASC' } });
  }
}
