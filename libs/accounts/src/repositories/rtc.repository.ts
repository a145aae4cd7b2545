import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, Repository } from 'typeorm';
import { RtcStaffAppointment } from '../entities/rtc-staff-appointment.entity';
import { Rtc } from '../entities/rtc.entity';
import { User, UserRole } from '../entities/user.entity';

type RtcChanges = Partial<Pick<Rtc, 'name' | 'country' | 'wcoRegion' | 'contact'>>;

function isDuplicate(error: unknown): boolean {
  return (error as { code?: string }).code === 'ER_DUP_ENTRY';
}

/** RTCs and their staff appointments: one aggregate, since an appointment belongs to its RTC. */
@Injectable()
export class RtcRepository {
  constructor(
    @InjectRepository(Rtc) private readonly rtcs: Repository<Rtc>,
    @InjectRepository(RtcStaffAppointment) private readonly staff: Repository<RtcStaffAppointment>,
  ) {}

  /** False when the name is taken. */
  async insert(rtc: Rtc, manager?: EntityManager): Promise<boolean> {
    try {
      await (manager?.getRepository(Rtc) ?? this.rtcs).insert(rtc);
      return true;
    } catch (error) {
      if (isDuplicate(error)) {
        return false;
      }
      throw error;
    }
  }

  /** False when the new name is taken. */
  async update(id: string, changes: RtcChanges, manager?: EntityManager): Promise<boolean> {
    try {
      await (manager?.getRepository(Rtc) ?? this.rtcs).update({ id }, changes);
      return true;
    } catch (error) {
      if (isDuplicate(error)) {
        return false;
      }
      throw error;
    }
  }

  findById(id: string): Promise<Rtc | null> {
    return this.rtcs.findOneBy({ id });
  }

  findAllByIds(ids: string[]): Promise<Rtc[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.rtcs.createQueryBuilder('r').whereInIds(ids).getMany();
  }

  list(): Promise<Rtc[]> {
    return this.rtcs.find({ order: { name: 'ASC' }, take: 1000 });
  }

  findAppointment(rtcId: string, id: string): Promise<RtcStaffAppointment | null> {
    return this.staff.findOneBy({ id, rtcId });
  }

  /** Every appointment of one RTC, or of one person; newest first. */
  history(by: { rtcId: string } | { userId: string }): Promise<RtcStaffAppointment[]> {
    return this.staff.find({ where: by, order: { startsAt: 'DESC', id: 'ASC' }, take: 1000 });
  }

  /** RTC ids of a person's appointments active at `at`. */
  async activeRtcIdsOf(userId: string, at: Date): Promise<string[]> {
    const rows = await this.staff
      .createQueryBuilder('a')
      .select('DISTINCT a.rtc_id', 'rtcId')
      .where('a.user_id = :userId', { userId })
      .andWhere('a.starts_at <= :at', { at })
      .andWhere(new Brackets((w) => w.where('a.ends_at IS NULL').orWhere('a.ends_at > :at', { at })))
      .getRawMany<{ rtcId: string }>();
    return rows.map((row) => row.rtcId).sort();
  }

  /**
   * Inserts the appointment unless one is already active for this person and RTC, and gives a
   * learner the `rtc_staff` role, in one transaction with the person's row locked.
   */
  async appoint(appointment: RtcStaffAppointment, outer?: EntityManager): Promise<boolean> {
    return (outer ?? this.staff.manager).transaction(async (manager) => {
      const [user] = await manager.query<Array<{ role: UserRole }>>('SELECT role FROM users WHERE id = ? FOR UPDATE', [
        appointment.userId,
      ]);
      const active = await manager
        .getRepository(RtcStaffAppointment)
        .createQueryBuilder('a')
        .where('a.user_id = :userId AND a.rtc_id = :rtcId', appointment)
        .andWhere(
          new Brackets((w) => w.where('a.ends_at IS NULL').orWhere('a.ends_at > :at', { at: appointment.startsAt })),
        )
        .getCount();
      if (active > 0) {
        return false;
      }
      await manager.insert(RtcStaffAppointment, appointment);
      if (user?.role === UserRole.Learner) {
        await manager.update(User, { id: appointment.userId }, { role: UserRole.RtcStaff });
      }
      return true;
    });
  }

  /**
   * Ends an open appointment; when it was the person's last one, an `rtc_staff` account goes back
   * to `learner`. False when it had already ended.
   */
  async end(appointment: RtcStaffAppointment, endedBy: string, at: Date, outer?: EntityManager): Promise<boolean> {
    return (outer ?? this.staff.manager).transaction(async (manager) => {
      await manager.query('SELECT id FROM users WHERE id = ? FOR UPDATE', [appointment.userId]);
      const result = await manager
        .createQueryBuilder()
        .update(RtcStaffAppointment)
        .set({ endsAt: at, endedBy })
        .where('id = :id', { id: appointment.id })
        .andWhere(new Brackets((w) => w.where('ends_at IS NULL').orWhere('ends_at > :at', { at })))
        .execute();
      if ((result.affected ?? 0) !== 1) {
        return false;
      }
      const remaining = await manager
        .getRepository(RtcStaffAppointment)
        .createQueryBuilder('a')
        .where('a.user_id = :userId', { userId: appointment.userId })
        .andWhere(new Brackets((w) => w.where('a.ends_at IS NULL').orWhere('a.ends_at > :at', { at })))
        .getCount();
      if (remaining === 0) {
        await manager.update(User, { id: appointment.userId, role: UserRole.RtcStaff }, { role: UserRole.Learner });
      }
      return true;
    });
  }
}
