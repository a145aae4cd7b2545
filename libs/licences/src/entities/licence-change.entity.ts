import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Licence, type LicenceLanguage } from './licence.entity';

export type LicenceChangeKind = 'created' | 'edited' | 'ended';

/** The terms a revision of a hub licence set. */
export interface LicenceTerms {
  courseIds: string[];
  languages: LicenceLanguage[];
  validFrom: string;
  validUntil: string;
  seatCap: number | null;
  translationAllowed: boolean;
}

/** Hub side: one row per revision of a licence (append-only): who made it, when, and its terms. */
@Entity({ name: 'licence_changes' })
export class LicenceChange {
  @PrimaryColumn({ name: 'licence_id', type: 'char', length: 36 })
  licenceId: string;

  @ManyToOne(() => Licence, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'licence_id', foreignKeyConstraintName: 'FK_licence_changes_licence' })
  licence?: Licence;

  @PrimaryColumn({ type: 'int', unsigned: true })
  revision: number;

  @Column({ type: 'varchar', length: 10 })
  kind: LicenceChangeKind;

  @Column({ name: 'changed_by', type: 'char', length: 36 })
  changedBy: string;

  @CreateDateColumn({ name: 'changed_at', type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' })
  changedAt: Date;

  @Column({ type: 'json' })
  terms: LicenceTerms;
}
