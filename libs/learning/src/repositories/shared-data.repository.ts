import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { SharedDataStore } from '../entities/shared-data-store.entity';

const hashOf = (targetId: string): string => createHash('sha256').update(targetId).digest('hex');

@Injectable()
export class SharedDataRepository {
  constructor(@InjectRepository(SharedDataStore) private readonly stores: Repository<SharedDataStore>) {}

  /** The learner's stores of these targets in the scope, by target ID. */
  async read(userId: string, scope: string, targetIds: string[]): Promise<Record<string, string>> {
    if (targetIds.length === 0) {
      return {};
    }
    const rows = await this.stores.find({
      select: { targetId: true, store: true },
      where: { userId, scope, targetHash: In(targetIds.map(hashOf)) },
    });
    return Object.fromEntries(rows.map((row) => [row.targetId, row.store]));
  }

  /** Writes stores (one statement); the last write of a target wins. */
  async write(userId: string, scope: string, stores: Record<string, string>): Promise<void> {
    const entries = Object.entries(stores);
    if (entries.length === 0) {
      return;
    }
    await this.stores.query(
      `INSERT INTO shared_data_stores (user_id, scope, target_hash, target_id, store) VALUES ${entries
        .map(() => '(?, ?, ?, ?, ?)')
        .join(', ')} ON DUPLICATE KEY UPDATE store = VALUES(store)`,
      entries.flatMap(([targetId, store]) => [userId, scope, hashOf(targetId), targetId, store]),
    );
  }
}
