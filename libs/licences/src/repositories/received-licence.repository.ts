import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { ReceivedLicence } from '../entities/received-licence.entity';

/** National side: the licences received from a hub, as last imported. */
@Injectable()
export class ReceivedLicenceRepository {
  constructor(
    @InjectRepository(ReceivedLicence) private readonly received: Repository<ReceivedLicence>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Runs `work` in one transaction; the methods below take its manager. */
  inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findById(id: string): Promise<ReceivedLicence | null> {
    return this.received.findOneBy({ id });
  }

  /** The revision held, its row locked until the transaction ends; null when none is held. */
  async lockedRevision(manager: EntityManager, id: string): Promise<number | null> {
    const held: Array<{ revision: number }> = await manager.query(
      'SELECT revision FROM received_licences WHERE id = ? FOR UPDATE',
      [id],
    );
    return held.length > 0 ? Number(held[0].revision) : null;
  }

  async save(manager: EntityManager, licence: ReceivedLicence): Promise<void> {
    await manager.upsert(ReceivedLicence, licence, ['id']);
  }
}
