import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository } from 'typeorm';
import { CoordinatorAppointment } from '../entities/coordinator-appointment.entity';

@Injectable()
export class CoordinatorAppointmentRepository {
  constructor(
    @InjectRepository(CoordinatorAppointment) private readonly appointments: Repository<CoordinatorAppointment>,
  ) {}

  async insert(appointment: CoordinatorAppointment): Promise<void> {
    await this.appointments.insert(appointment);
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
  async end(id: string, endedBy: string, at: Date): Promise<boolean> {
    const result = await this.appointments
      .createQueryBuilder()
      .update()
      .set({ endsAt: at, endedBy })
      .where('id = :id', { id })
      .andWhere(new Brackets((w) => w.where('ends_at IS NULL').orWhere('ends_at > :at', { at })))
      .execute();
    return (result.affected ?? 0) === 1;
  }
}
