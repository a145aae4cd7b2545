import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '@app/database';

export type LicenceLanguage = 'en' | 'fr' | 'es';

/** Hub side: a licence the Secretariat grants a member administration, exported as signed bundles. */
@Entity({ name: 'licences' })
export class Licence {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  /** Bumped on every change; the national server keeps the newest it received. */
  @Column({ type: 'int', unsigned: true, default: 1 })
  revision: number;

  @Column({ name: 'licensee_country', type: 'char', length: 2 })
  licenseeCountry: string;

  @Column({ name: 'licensee_administration', type: 'varchar', length: 200 })
  licenseeAdministration: string;

  /** The courses covered, in order: rows of `licence_courses`, loaded and written by the repository. */
  courseIds: string[];

  @Column({ type: 'json' })
  languages: LicenceLanguage[];

  /** YYYY-MM-DD, included. */
  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  /** YYYY-MM-DD, included. */
  @Column({ name: 'valid_until', type: 'date' })
  validUntil: string;

  @Column({ name: 'seat_cap', type: 'int', unsigned: true, nullable: true })
  seatCap: number | null;

  @Column({ name: 'translation_allowed', type: 'boolean', default: false })
  translationAllowed: boolean;

  @Column({ name: 'created_by', type: 'char', length: 36 })
  createdBy: string;

  /** The admin who made the latest change (null until the first edit); `licence_changes` has them all. */
  @Column({ name: 'updated_by', type: 'char', length: 36, nullable: true })
  updatedBy: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
