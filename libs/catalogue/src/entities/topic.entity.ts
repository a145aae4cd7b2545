import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A WCO topic area (Harmonized System, Customs Valuation…), named in each UI language. */
@Entity({ name: 'topics' })
export class Topic {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  code: string;

  @Column({ name: 'name_en', type: 'varchar', length: 120 })
  nameEn: string;

  @Column({ name: 'name_fr', type: 'varchar', length: 120 })
  nameFr: string;

  @Column({ name: 'name_es', type: 'varchar', length: 120 })
  nameEs: string;

  @Column({ name: 'sort_order', type: 'smallint', unsigned: true, default: 0 })
  sortOrder: number;
}
