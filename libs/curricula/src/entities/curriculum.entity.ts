import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Rtc } from '@app/accounts';
import { CreatedAtColumn, UpdatedAtColumn } from '@app/database';

export const CURRICULUM_LANGUAGES = ['en', 'fr', 'es', 'ar', 'pt', 'ru'] as const;
export type CurriculumLanguage = (typeof CURRICULUM_LANGUAGES)[number];

/** A national or regional training curriculum shared by an RTC or a national training centre. */
@Entity({ name: 'curricula' })
@Index('IDX_curricula_country', ['country', 'updatedAt'])
@Index('FT_curricula_text', ['title', 'summary'], { fulltext: true })
export class Curriculum {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** ISO 3166-1 alpha-2 of the country whose curriculum it is. */
  @Column({ type: 'char', length: 2 })
  country: string;

  /** The Regional Training Centre or national training centre that shares it. */
  @Column({ type: 'varchar', length: 200 })
  rtc: string;

  /** The RTC record it names, from the Secretariat's list; its staff may edit it (docs/people.md). */
  @Column({ name: 'rtc_id', type: 'char', length: 36, nullable: true })
  rtcId: string | null;

  @ManyToOne(() => Rtc, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'rtc_id', foreignKeyConstraintName: 'FK_curricula_rtc' })
  rtcRecord?: Rtc;

  @Column({ type: 'json' })
  languages: CurriculumLanguage[];

  /** Catalogue topic codes. */
  @Column({ type: 'json' })
  topics: string[];

  @Column({ type: 'text' })
  summary: string;

  @Column({ name: 'owner_id', type: 'char', length: 36 })
  ownerId: string;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
