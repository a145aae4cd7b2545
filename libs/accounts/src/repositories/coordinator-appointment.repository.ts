import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, Repository } from 'typeorm';
import { CoordinatorAppointment } from '../entities/coordinator-appointment.entity';

@Injectable()
export class CoordinatorAppointmentRepository {
  constructor(
    @InjectRepository(CoordinatorAppointment) private readonly appointments: Repository<CoordinatorAppointment>,
  ) {}

  /**
   * Inserts the appointment unless the user already holds an active one for that country. The
   * user's row is locked for the check and insert, so simultaneous appointments cannot both pass.
   */
  async insertIfNoActive(appointment: CoordinatorAppointment, outer?: EntityManager): Promise<boolean> {
    return (outer ?? this.appointments.manager).transaction(async (manager) => {
      await manager.query('SELECT id FROM users WHERE id = ? FOR UPDATE', [appointment.userId]);
      const active = await manager
        .getRepository(CoordinatorAppointment)
        .createQueryBuilder('a')
        .where('a.user_id = :userId AND a.country = :country', appointment)
        // No start-time bound: a simultaneous request may have stamped its start a moment later.
        .andWhere(
          new Brackets((w) => w.where('a.ends_at IS NULL').orWhere('a.ends_at > :at', { at: appointment.startsAt })),
        )
        .getCount();
      if (active > 0) {
        return false;
      }
      await manager.insert(CoordinatorAppointment, appointment);
      return true;
    });
  }

  findById(id: string): Promise<CoordinatorAppointment | null> {
    return this.appointments.findOneBy({ id });
  }

  /** Appointments active at `at` of one user. */
  findActiveForUser(userId: string, at: Date): Promise<CoordinatorAppointment[]> {
    return this.appointments
      .createQueryBuilder('a')
      .where('a.user_id = :userId', { userId })
      .andWhere('a.starts_at <= :at', { at })
      .andWhere(new Brackets((w) => w.where('a.ends_at IS NULL').orWhere('a.ends_at > :at', { at })))
      .getMany();
  }

  /** Appointments active at `at` in one country. */
  findActiveForCountry(country: string, at: Date): Promise<CoordinatorAppointment[]> {
    return this.appointments
      .createQueryBuilder('a')
      .where('a.country = :country', { country })
      .andWhere('a.starts_at <= :at', { at })
      .andWhere(new Brackets((w) => w.where('a.ends_at IS NULL').orWhere('a.ends_at > :at', { at })))
      .getMany();
  }

  /** Every appointment, past and present, optionally of one country; newest first. */
  findHistory(country?: string): Promise<CoordinatorAppointment[]> {
    return this.appointments.find({
      where: country ? { country } : {},
      order: { startsAt: 'DESC', id: 'ASC' },
      take: 1000,
    });
  }

  /** Ends an appointment that is still open; false when it already ended. */
  async end(id: string, endedBy: string, at: Date, manager?: EntityManager): Promise<boolean> {
    const result = await (manager?.getRepository(CoordinatorAppointment) ?? this.appointments)
      .createQueryBuilder()
      .update()
      .set({ endsAt: at, endedBy })
      .where('id = :id', { id })
      .andWhere(new Brackets((w) => w.where('ends_at IS NULL').orWhere('ends_at > :at', { at })))
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Appointments active at `at` of any of these users. */
  findActiveForUsers(userIds: string[], at: Date): Promise<CoordinatorAppointment[]> {
    if (userIds.length === 0) {
      return Promise.resolve([]);
    }
    return this.appointments
      .createQueryBuilder('a')
      .where('a.user_id IN (:...userIds)', { userIds })
      .andWhere('a.starts_at <= :at', { at })
      .andWhere(new Brackets((w) => w.where('a.ends_at IS NULL').orWhere('a.ends_at > :at', { at })))
      .getMany();
  }

  /** Every appointment of one person, newest first. */
  findHistoryOfUser(userId: string): Promise<CoordinatorAppointment[]> {
    return this.appointments.find({ where: { userId }, order: { startsAt: 'DESC', id: 'ASC' } });
  }
}
