import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { GroupFile } from './group-file.entity';
import { GroupWorkshop } from './group-workshop.entity';

export enum WorkshopPhase {
  Before = 'before',
  After = 'after',
}

/** A library file linked to a workshop as pre- or post-workshop material. */
@Entity({ name: 'group_workshop_materials' })
export class GroupWorkshopMaterial {
  @PrimaryColumn({ name: 'workshop_id', type: 'char', length: 36 })
  workshopId: string;

  @ManyToOne(() => GroupWorkshop, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'workshop_id', foreignKeyConstraintName: 'FK_group_workshop_materials_workshop' })
  workshop?: GroupWorkshop;

  @PrimaryColumn({ name: 'file_id', type: 'char', length: 36 })
  fileId: string;

  @ManyToOne(() => GroupFile, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'file_id', foreignKeyConstraintName: 'FK_group_workshop_materials_file' })
  file?: GroupFile;

  @Column({ type: 'enum', enum: WorkshopPhase })
  phase: WorkshopPhase;
}
