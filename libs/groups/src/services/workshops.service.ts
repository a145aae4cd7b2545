import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainException, ErrorCode } from '@app/common';
import { AppConfig } from '@app/config';
import { CreateWorkshopDto, UpdateWorkshopDto, WorkshopView } from '../dto/workshop.dto';
import { GroupRole } from '../entities/group-membership.entity';
import { WorkshopPhase } from '../entities/group-workshop-material.entity';
import { GroupWorkshop } from '../entities/group-workshop.entity';
import { GroupFileRepository } from '../repositories/group-file.repository';
import { WorkshopAccess, WorkshopRepository } from '../repositories/workshop.repository';
import { writeIcs } from '../workshops/ics-writer';
import { isTimeZone, utcToZoned, zonedToUtc } from '../workshops/zoned-time';
import { GroupCaller, requireRole, requireWritable } from './group-policy';
import { GroupsService } from './groups.service';

/** Scheduled sessions of a group: moderators plan them, members see them and take the .ics. */
@Injectable()
export class WorkshopsService {
  constructor(
    private readonly groups: GroupsService,
    private readonly workshops: WorkshopRepository,
    private readonly files: GroupFileRepository,
    private readonly config: AppConfig,
  ) {}

  async list(caller: GroupCaller, groupId: string): Promise<WorkshopView[]> {
    await this.groups.access(caller, groupId);
    return this.views(groupId, await this.workshops.listForMember(groupId, caller.id));
  }

  async create(caller: GroupCaller, groupId: string, body: CreateWorkshopDto): Promise<WorkshopView> {
    const access = await this.groups.access(caller, groupId);
    requireRole(access.role, GroupRole.Moderator);
    requireWritable(access.group);
    const { startsAt, endsAt } = this.times(body.start, body.end, body.timeZone);
    const workshop = Object.assign(new GroupWorkshop(), {
      id: randomUUID(),
      groupId,
      title: body.title,
      description: body.description ?? '',
      startsAt,
      endsAt,
      timeZone: body.timeZone,
      meetingUrl: body.meetingUrl ?? '',
      createdBy: caller.id,
    });
    await this.workshops.insert(workshop);
    return this.get(caller, workshop.id);
  }

  async get(caller: GroupCaller, workshopId: string): Promise<WorkshopView> {
    const { workshop } = await this.access(caller, workshopId);
    return (await this.views(workshop.groupId, [workshop]))[0];
  }

  async update(caller: GroupCaller, workshopId: string, body: UpdateWorkshopDto): Promise<WorkshopView> {
    const { workshop, group, role } = await this.access(caller, workshopId);
    requireRole(role, GroupRole.Moderator);
    requireWritable(group);
    // A new zone alone keeps the wall-clock times (the planner picked the wrong zone).
    const zone = body.timeZone ?? workshop.timeZone;
    const { startsAt, endsAt } = this.times(
      body.start ?? utcToZoned(workshop.startsAt, workshop.timeZone),
      body.end ?? utcToZoned(workshop.endsAt, workshop.timeZone),
      zone,
    );
    await this.workshops.update(workshopId, {
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.meetingUrl !== undefined ? { meetingUrl: body.meetingUrl } : {}),
      startsAt,
      endsAt,
      timeZone: zone,
    });
    return this.get(caller, workshopId);
  }

  async remove(caller: GroupCaller, workshopId: string): Promise<void> {
    const { group, role } = await this.access(caller, workshopId);
    requireRole(role, GroupRole.Moderator);
    requireWritable(group);
    await this.workshops.delete(workshopId);
  }

  /** Links a library file of the same group as material for before or after the workshop. */
  async linkMaterial(
    caller: GroupCaller,
    workshopId: string,
    fileId: string,
    phase: WorkshopPhase,
  ): Promise<WorkshopView> {
    const { group, role } = await this.access(caller, workshopId);
    requireRole(role, GroupRole.Moderator);
    requireWritable(group);
    if (!(await this.files.findFile(group.id, fileId))) {
      throw DomainException.notFound('File', ErrorCode.GroupFileNotFound);
    }
    await this.workshops.linkMaterial(workshopId, fileId, phase);
    return this.get(caller, workshopId);
  }

  async unlinkMaterial(caller: GroupCaller, workshopId: string, fileId: string): Promise<void> {
    const { group, role } = await this.access(caller, workshopId);
    requireRole(role, GroupRole.Moderator);
    requireWritable(group);
    if (!(await this.workshops.unlinkMaterial(workshopId, fileId))) {
      throw DomainException.notFound('File', ErrorCode.GroupFileNotFound);
    }
  }

  /** The workshop as an iCalendar file (RFC 5545), times in UTC. */
  async ics(caller: GroupCaller, workshopId: string): Promise<{ body: string; fileName: string }> {
    const { workshop, group } = await this.access(caller, workshopId);
    const link = workshop.meetingUrl ? `\n${workshop.meetingUrl}` : '';
    return {
      body: writeIcs({
        uid: `${workshop.id}@${this.config.publicUrl.host}`,
        title: workshop.title,
        description: `${group.name}\n${workshop.description}${link}`.trim(),
        startsAt: workshop.startsAt,
        endsAt: workshop.endsAt,
        url: workshop.meetingUrl || undefined,
        stamp: workshop.updatedAt,
      }),
      fileName: 'workshop.ics',
    };
  }

  private async access(caller: GroupCaller, workshopId: string): Promise<WorkshopAccess> {
    const access = await this.workshops.findForMember(workshopId, caller.id);
    if (!access) {
      throw DomainException.notFound('Workshop', ErrorCode.WorkshopNotFound);
    }
    return access;
  }

  private times(start: string, end: string, zone: string): { startsAt: Date; endsAt: Date } {
    if (!isTimeZone(zone)) {
      throw DomainException.badRequest(`Unknown time zone: ${zone}`, ErrorCode.ValidationFailed);
    }
    const startsAt = zonedToUtc(start, zone);
    const endsAt = zonedToUtc(end, zone);
    if (!startsAt || !endsAt) {
      throw DomainException.badRequest('start and end must be real times', ErrorCode.ValidationFailed);
    }
    if (endsAt <= startsAt) {
      throw DomainException.badRequest('end must be after start', ErrorCode.ValidationFailed);
    }
    return { startsAt, endsAt };
  }

  private async views(groupId: string, workshops: GroupWorkshop[]): Promise<WorkshopView[]> {
    const materials = await this.workshops.materialsOf(workshops.map((w) => w.id));
    const files = await this.files.filesWithCurrentVersion(groupId, [...new Set(materials.map((m) => m.fileId))]);
    const names = new Map(files.map((f) => [f.id, f.name]));
    return workshops.map((w) => ({
      id: w.id,
      groupId: w.groupId,
      title: w.title,
      description: w.description,
      startsAt: w.startsAt.toISOString(),
      endsAt: w.endsAt.toISOString(),
      start: utcToZoned(w.startsAt, w.timeZone),
      end: utcToZoned(w.endsAt, w.timeZone),
      timeZone: w.timeZone,
      meetingUrl: w.meetingUrl,
      materials: materials
        .filter((m) => m.workshopId === w.id && names.has(m.fileId))
        .map((m) => ({ fileId: m.fileId, name: names.get(m.fileId)!, phase: m.phase })),
    }));
  }
}
