import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CommunityGroup } from '../entities/community-group.entity';
import { GroupMembership, GroupRole, MembershipState } from '../entities/group-membership.entity';
import { GroupWorkshopMaterial, WorkshopPhase } from '../entities/group-workshop-material.entity';
import { GroupWorkshop } from '../entities/group-workshop.entity';

export interface WorkshopAccess {
  workshop: GroupWorkshop;
  group: CommunityGroup;
  role: GroupRole;
}

/** Workshops and their material. Reads a caller triggers join the caller's active membership. */
@Injectable()
export class WorkshopRepository {
  constructor(
    @InjectRepository(GroupWorkshop) private readonly workshops: Repository<GroupWorkshop>,
    @InjectRepository(GroupWorkshopMaterial) private readonly materials: Repository<GroupWorkshopMaterial>,
  ) {}

  async findForMember(workshopId: string, callerId: string): Promise<WorkshopAccess | null> {
    const result = await this.workshops
      .createQueryBuilder('w')
      .innerJoinAndMapOne('w.group', CommunityGroup, 'g', 'g.id = w.group_id')
      .innerJoin(GroupMembership, 'm', 'm.group_id = g.id AND m.user_id = :callerId AND m.state = :active', {
        callerId,
        active: MembershipState.Active,
      })
      .addSelect('m.role', 'caller_role')
      .where('w.id = :workshopId', { workshopId })
      .getRawAndEntities();
    const found = result.entities[0] as (GroupWorkshop & { group: CommunityGroup }) | undefined;
    if (!found) {
      return null;
    }
    const { group, ...workshop } = found;
    return {
      workshop: Object.assign(new GroupWorkshop(), workshop),
      group,
      role: (result.raw[0] as { caller_role: GroupRole }).caller_role,
    };
  }

  listForMember(groupId: string, callerId: string): Promise<GroupWorkshop[]> {
    return this.workshops
      .createQueryBuilder('w')
      .innerJoin(GroupMembership, 'm', 'm.group_id = w.group_id AND m.user_id = :callerId AND m.state = :active', {
        callerId,
        active: MembershipState.Active,
      })
      .where('w.group_id = :groupId', { groupId })
      .orderBy('w.starts_at', 'ASC')
      .addOrderBy('w.id', 'ASC')
      .getMany();
  }

  materialsOf(workshopIds: string[]): Promise<GroupWorkshopMaterial[]> {
    return workshopIds.length === 0
      ? Promise.resolve([])
      : this.materials.createQueryBuilder('x').where('x.workshop_id IN (:...workshopIds)', { workshopIds }).getMany();
  }

  async insert(workshop: GroupWorkshop): Promise<void> {
    await this.workshops.insert(workshop);
  }

  async update(workshopId: string, changes: Partial<GroupWorkshop>): Promise<void> {
    await this.workshops.update({ id: workshopId }, changes);
  }

  async delete(workshopId: string): Promise<void> {
    await this.workshops.delete({ id: workshopId }); // its material links go with it (ON DELETE CASCADE)
  }

  async linkMaterial(workshopId: string, fileId: string, phase: WorkshopPhase): Promise<void> {
    await this.materials.upsert({ workshopId, fileId, phase }, ['workshopId', 'fileId']);
  }

  async unlinkMaterial(workshopId: string, fileId: string): Promise<boolean> {
    return ((await this.materials.delete({ workshopId, fileId })).affected ?? 0) === 1;
  }
}
