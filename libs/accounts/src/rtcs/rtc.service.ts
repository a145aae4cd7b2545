import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditAction, AuditService } from '@app/audit';
import { DomainException, ErrorCode } from '@app/common';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { CountriesService } from '../countries/countries.service';
import { RtcStaffAppointment } from '../entities/rtc-staff-appointment.entity';
import { Rtc } from '../entities/rtc.entity';
import { UserStatus } from '../entities/user.entity';
import { RtcRepository } from '../repositories/rtc.repository';
import { UserRepository } from '../repositories/user.repository';
import { CreateRtcDto, RtcStaffDetails, UpdateRtcDto } from './rtc.dto';

/**
 * RTCs as the Secretariat records them, and their staff. Appointing someone gives them the
 * `rtc_staff` role; ending their last appointment takes it back; appointments are never deleted.
 */
@Injectable()
export class RtcService {
  constructor(
    private readonly rtcs: RtcRepository,
    private readonly users: UserRepository,
    private readonly countries: CountriesService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  list(): Promise<Rtc[]> {
    return this.rtcs.list();
  }

  async get(id: string): Promise<Rtc> {
    const rtc = await this.rtcs.findById(id);
    if (!rtc) {
      throw DomainException.notFound('RTC', ErrorCode.RtcNotFound);
    }
    return rtc;
  }

  async create(body: CreateRtcDto): Promise<Rtc> {
    this.checkCountry(body.country);
    const rtc = Object.assign(new Rtc(), {
      id: randomUUID(),
      name: body.name,
      country: body.country,
      wcoRegion: body.wcoRegion ?? null,
      contact: body.contact ?? '',
    });
    const inserted = await this.dataSource.transaction(async (manager) => {
      if (!(await this.rtcs.insert(rtc, manager))) {
        return false;
      }
      await this.audit.record(manager, {
        action: AuditAction.RtcCreate,
        targetType: 'rtc',
        targetId: rtc.id,
        targetCountry: rtc.country,
      });
      return true;
    });
    if (!inserted) {
      throw DomainException.conflict(`An RTC is already named ${body.name}`, ErrorCode.RtcNameTaken);
    }
    return this.get(rtc.id);
  }

  async update(id: string, body: UpdateRtcDto): Promise<Rtc> {
    const before = await this.get(id);
    if (body.country !== undefined) {
      this.checkCountry(body.country);
    }
    const changes = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
    const updated = await this.dataSource.transaction(async (manager) => {
      if (Object.keys(changes).length > 0 && !(await this.rtcs.update(id, changes, manager))) {
        return false;
      }
      await this.audit.record(manager, {
        action: AuditAction.RtcUpdate,
        targetType: 'rtc',
        targetId: id,
        targetCountry: body.country ?? before.country,
        details: { fields: Object.keys(changes).sort().join(' ') },
      });
      return true;
    });
    if (!updated) {
      throw DomainException.conflict(`An RTC is already named ${String(body.name)}`, ErrorCode.RtcNameTaken);
    }
    return this.get(id);
  }

  async appoint(admin: AuthenticatedUser, rtcId: string, userId: string): Promise<RtcStaffDetails> {
    const rtc = await this.get(rtcId);
    const user = await this.users.findById(userId);
    if (!user) {
      throw DomainException.notFound('User', ErrorCode.UserNotFound);
    }
    if (user.status !== UserStatus.Active) {
      throw DomainException.badRequest('Only an active account can be appointed', ErrorCode.UserNotActive);
    }
    const appointment: RtcStaffAppointment = {
      id: randomUUID(),
      rtcId: rtc.id,
      userId,
      appointedBy: admin.id,
      startsAt: new Date(),
      endsAt: null,
      endedBy: null,
    };
    const appointed = await this.dataSource.transaction(async (manager) => {
      if (!(await this.rtcs.appoint(appointment, manager))) {
        return false;
      }
      await this.audit.record(manager, {
        action: AuditAction.RtcStaffAppoint,
        targetType: 'user',
        targetId: userId,
        targetCountry: user.country,
        details: { appointmentId: appointment.id, rtcId: rtc.id },
      });
      return true;
    });
    if (!appointed) {
      throw DomainException.conflict(`Already staff of ${rtc.name}`, ErrorCode.AlreadyRtcStaff);
    }
    return (await this.details([appointment]))[0];
  }

  /** Ends an appointment; the person loses the RTC's rights on their next request. */
  async end(admin: AuthenticatedUser, rtcId: string, appointmentId: string): Promise<RtcStaffDetails> {
    const appointment = await this.rtcs.findAppointment(rtcId, appointmentId);
    if (!appointment) {
      throw DomainException.notFound('Appointment', ErrorCode.AppointmentNotFound);
    }
    const now = new Date();
    const ended = await this.dataSource.transaction(async (manager) => {
      if (!(await this.rtcs.end(appointment, admin.id, now, manager))) {
        return false;
      }
      await this.audit.record(manager, {
        action: AuditAction.RtcStaffEnd,
        targetType: 'user',
        targetId: appointment.userId,
        details: { appointmentId, rtcId },
      });
      return true;
    });
    if (!ended) {
      throw DomainException.conflict('This appointment has already ended', ErrorCode.AppointmentEnded);
    }
    return (await this.details([{ ...appointment, endsAt: now, endedBy: admin.id }]))[0];
  }

  async staffHistory(rtcId: string): Promise<RtcStaffDetails[]> {
    await this.get(rtcId);
    return this.details(await this.rtcs.history({ rtcId }));
  }

  async historyOfPerson(userId: string): Promise<RtcStaffDetails[]> {
    return this.details(await this.rtcs.history({ userId }));
  }

  /** The RTCs a person serves now (their curricula rights). */
  activeRtcIdsOf(userId: string): Promise<string[]> {
    return this.rtcs.activeRtcIdsOf(userId, new Date());
  }

  private async details(rows: RtcStaffAppointment[]): Promise<RtcStaffDetails[]> {
    const [people, rtcs] = await Promise.all([
      this.users.findAllByIds([...new Set(rows.flatMap((row) => [row.userId, row.appointedBy]))]),
      this.rtcs.findAllByIds([...new Set(rows.map((row) => row.rtcId))]),
    ]);
    const person = new Map(people.map((u) => [u.id, u]));
    const rtcName = new Map(rtcs.map((r) => [r.id, r.name]));
    return rows.map((row) => ({
      ...row,
      rtcName: rtcName.get(row.rtcId) ?? '',
      email: person.get(row.userId)?.email ?? '',
      displayName: person.get(row.userId)?.displayName ?? '',
      appointedByName: person.get(row.appointedBy)?.displayName ?? null,
    }));
  }

  private checkCountry(code: string): void {
    if (!this.countries.isValid(code)) {
      throw DomainException.badRequest(`Unknown country code: ${String(code)}`, ErrorCode.InvalidCountry);
    }
  }
}
