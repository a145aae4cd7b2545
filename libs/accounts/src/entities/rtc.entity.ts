import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '@app/database';

/** The six WCO regions (docs/people.md). */
export const WCO_REGIONS = ['ESA', 'WCA', 'MENA', 'AP', 'AC', 'EUR'] as const;
export type WcoRegion = (typeof WCO_REGIONS)[number];

/** A Regional Training Centre, as the Secretariat records it; curricula name their RTC from this list. */
@Entity({ name: 'rtcs' })
@Index('IDX_rtcs_country', ['country'])
export class Rtc {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Index('UQ_rtcs_name', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** ISO 3166-1 alpha-2 of the host country. */
  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ name: 'wco_region', type: 'enum', enum: WCO_REGIONS, nullable: true })
  wcoRegion: WcoRegion | null;

  /** Free text: an address, a phone number or a mailbox. */
  @Column({ type: 'varchar', length: 300, default: '' })
  contact: string;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
