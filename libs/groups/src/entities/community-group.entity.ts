import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '@app/database';

export enum GroupKind {
  ExpertCommunity = 'expert_community',
  MaterialWorkshop = 'material_workshop',
  WorkshopFollowUp = 'workshop_follow_up',
}

export const GROUP_LANGUAGES = ['en', 'fr', 'es'] as const;
export type GroupLanguage = (typeof GROUP_LANGUAGES)[number];

/** A closed user group. Table `community_groups`: `GROUPS` is a reserved word in MySQL 8. */
@Entity({ name: 'community_groups' })
export class CommunityGroup {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'enum', enum: GroupKind })
  kind: GroupKind;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'enum', enum: GROUP_LANGUAGES, default: 'en' })
  language: GroupLanguage;

  /** Listed in the directory of open groups, where any active user may ask to join. */
  @Column({ name: 'open_for_requests', type: 'boolean', default: false })
  openForRequests: boolean;

  /** Set when the group was archived: it is read-only from then on. */
  @Column({ name: 'archived_at', type: 'datetime', precision: 3, nullable: true })
  archivedAt: Date | null;

  @Column({ name: 'quota_bytes', type: 'bigint', unsigned: true })
  quotaBytes: string;

  /** Bytes of every stored file version, kept in step with uploads under a row lock. */
  @Column({ name: 'used_bytes', type: 'bigint', unsigned: true, default: 0 })
  usedBytes: string;

  @Column({ name: 'created_by', type: 'char', length: 36 })
  createdBy: string;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
