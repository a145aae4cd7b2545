import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum WorkshopPhase {
  Before = 'before',
  After = 'after',
}

/** A library file linked to a workshop as pre- or post-workshop material. */
@Entity({ name: 'group_workshop_materials' })
export class GroupWorkshopMaterial {
  @PrimaryColumn({ name: 'workshop_id', type: 'char', length: 36 })
  workshopId: string;

  @PrimaryColumn({ name: 'file_id', type: 'char', length: 36 })
  fileId: string;

  @Column({ type: 'enum', enum: WorkshopPhase })
  phase: WorkshopPhase;
}
