import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LicenceLanguage } from './licence.entity';

/**
 * National side: a licence received from a hub in a signed bundle, as last imported. Its courses
 * point at it (courses.licence_id); its dates and seat cap are enforced on this server.
 */
@Entity({ name: 'received_licences' })
export class ReceivedLicence {
  /** The hub's licence id. */
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ type: 'int', unsigned: true })
  revision: number;

  /** Id of the trusted hub key that signed the bundle. */
  @Column({ name: 'key_id', type: 'char', length: 16 })
  keyId: string;

  @Column({ name: 'bundle_sha256', type: 'char', length: 64 })
  bundleSha256: string;

  @Column({ name: 'licensee_country', type: 'char', length: 2 })
  licenseeCountry: string;

  @Column({ name: 'licensee_administration', type: 'varchar', length: 200 })
  licenseeAdministration: string;

  /** The courses covered, in order: rows of `received_licence_courses`, loaded and written by the repository. */
  courseIds: string[];

  @Column({ type: 'json' })
  languages: LicenceLanguage[];

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ name: 'valid_until', type: 'date' })
  validUntil: string;

  @Column({ name: 'seat_cap', type: 'int', unsigned: true, nullable: true })
  seatCap: number | null;

  @Column({ name: 'translation_allowed', type: 'boolean' })
  translationAllowed: boolean;

  @Column({ name: 'import_job_id', type: 'char', length: 36 })
  importJobId: string;

  @Column({ name: 'imported_at', type: 'datetime', precision: 3 })
  importedAt: Date;
}
