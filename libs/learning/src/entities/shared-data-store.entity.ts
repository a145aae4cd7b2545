import { Column, Entity, PrimaryColumn } from 'typeorm';
import { UpdatedAtColumn } from '@app/database';

/**
 * One SCORM 2004 4th edition shared data store (`adl.data`) of one learner: the value SCOs mapped
 * to `target_id` read and write. `scope` is the course's id when its organization keeps shared
 * data to itself (`adlcp:sharedDataGlobalToSystem="false"`), else `''` (shared across the system).
 * Target IDs can be long: the key holds their SHA-256.
 */
@Entity({ name: 'shared_data_stores' })
export class SharedDataStore {
  @PrimaryColumn({ name: 'user_id', type: 'char', length: 36 })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  scope: string;

  @PrimaryColumn({ name: 'target_hash', type: 'char', length: 64 })
  targetHash: string;

  @Column({ name: 'target_id', type: 'text' })
  targetId: string;

  @Column({ type: 'mediumtext' })
  store: string;

  @UpdatedAtColumn()
  updatedAt: Date;
}
