import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '@app/database';

/** A national contact point for training, listed in the directory under its country. */
@Entity({ name: 'contact_points' })
@Index('IDX_contact_points_country', ['country', 'name'])
export class ContactPoint {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** What they are the contact for, e.g. "National training coordinator". */
  @Column({ name: 'role_title', type: 'varchar', length: 200, default: '' })
  roleTitle: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  organisation: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 50, default: '' })
  phone: string;

  @Column({ name: 'updated_by', type: 'char', length: 36 })
  updatedBy: string;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
