import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditAction, AuditService } from '@app/audit';
import { DomainException, ErrorCode } from '@app/common';
import { retryOnDeadlock } from '@app/database';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { CountriesService } from '../countries/countries.service';
import { CoordinatorAppointment } from '../entities/coordinator-appointment.entity';
import { UserRole, UserStatus } from '../entities/user.entity';
import { AutoApproveDomainRepository } from '../repositories/auto-approve-domain.repository';
import { CoordinatorAppointmentRepository } from '../repositories/coordinator-appointment.repository';
import { UserRepository } from '../repositories/user.repository';
import { isFreeMailDomain } from '../registration/free-mail-domains';

export interface AppointmentDetails extends CoordinatorAppointment {
  email: string;
  displayName: string;
  appointedByName: string | null;
}

const DOMAIN = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;

/** The Secretariat appoints national coordinators; appointments end, they are never deleted. */
@Injectable()
export class CoordinatorService {
  constructor(
    private readonly appointments: CoordinatorAppointmentRepository,
    private readonly users: UserRepository,
    private readonly domains: AutoApproveDomainRepository,
    private readonly countries: CountriesService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async appoint(admin: AuthenticatedUser, userId: string, country: string): Promise<CoordinatorAppointment> {
    const code = country.toUpperCase();
    if (!this.countries.isValid(code)) {
      throw DomainException.badRequest(`Unknown country code: ${country}`, ErrorCode.InvalidCountry);
    }
    const user = await this.users.findById(userId);
    if (!user) {
      throw DomainException.notFound('User', ErrorCode.UserNotFound);
    }
    if (user.status !== UserStatus.Active) {
      throw DomainException.badRequest('Only an active account can be appointed', ErrorCode.UserNotActive);
    }
    const now = new Date();
    const active = await this.appointments.findActiveForUser(userId, now);
    if (active.some((appointment) => appointment.country === code)) {
      throw DomainException.conflict(`Already a coordinator for ${code}`, ErrorCode.AlreadyCoordinator);
    }
    const appointment: CoordinatorAppointment = {
      id: randomUUID(),
      userId,
      country: code,
      appointedBy: admin.id,
      startsAt: now,
      endsAt: null,
      endedBy: null,
    };
    const inserted = await this.dataSource.transaction(async (manager) => {
      if (!(await this.appointments.insertIfNoActive(appointment, manager))) {
        return false;
      }
      await this.audit.record(manager, {
        action: AuditAction.CoordinatorAppoint,
        targetType: 'user',
        targetId: userId,
        targetCountry: code,
        details: { appointmentId: appointment.id, country: code },
      });
      return true;
    });
    if (!inserted) {
      throw DomainException.conflict(`Already a coordinator for ${code}`, ErrorCode.AlreadyCoordinator);
    }
    return appointment;
  }

  /** Ends an appointment; the coordinator loses access on their next request. */
  async end(admin: AuthenticatedUser, appointmentId: string): Promise<CoordinatorAppointment> {
    const appointment = await this.appointments.findById(appointmentId);
    if (!appointment) {
      throw DomainException.notFound('Appointment', ErrorCode.AppointmentNotFound);
    }
    const now = new Date();
    const ended = await this.dataSource.transaction(async (manager) => {
      if (!(await this.appointments.end(appointmentId, admin.id, now, manager))) {
        return false;
      }
      await this.audit.record(manager, {
        action: AuditAction.CoordinatorEnd,
        targetType: 'user',
        targetId: appointment.userId,
        targetCountry: appointment.country,
        details: { appointmentId, country: appointment.country },
      });
      return true;
    });
    if (!ended) {
      throw DomainException.conflict('This appointment has already ended', ErrorCode.AppointmentEnded);
    }
    return { ...appointment, endsAt: now, endedBy: admin.id };
  }

  async history(country?: string): Promise<AppointmentDetails[]> {
    const rows = await this.appointments.findHistory(country?.toUpperCase());
    const people = new Map(
      (await this.users.findAllByIds([...new Set(rows.flatMap((row) => [row.userId, row.appointedBy]))])).map((u) => [
        u.id,
        u,
      ]),
    );
    return rows.map((row) => ({
      ...row,
      email: people.get(row.userId)?.email ?? '',
      displayName: people.get(row.userId)?.displayName ?? '',
      appointedByName: people.get(row.appointedBy)?.displayName ?? null,
    }));
  }

  /** Active coordinators of a country, for reminders. */
  async activeCoordinatorsOf(
    country: string,
  ): Promise<Array<{ id: string; email: string; displayName: string; language: 'en' | 'fr' | 'es' }>> {
    const appointments = await this.appointments.findActiveForCountry(country, new Date());
    const users = await this.users.findActiveByIds([...new Set(appointments.map((a) => a.userId))]);
    return users.map((u) => ({ id: u.id, email: u.email, displayName: u.displayName, language: u.preferredLanguage }));
  }

  assertMayManageCountry(caller: AuthenticatedUser, country: string): void {
    if (!caller.roles.includes(UserRole.Admin) && !caller.coordinatorCountries.includes(country)) {
      // 404, not 403: another country's settings are not the caller's business.
      throw DomainException.notFound('Country settings');
    }
  }

  async autoApproveDomains(caller: AuthenticatedUser, country: string): Promise<string[]> {
    const code = country.toUpperCase();
    this.assertMayManageCountry(caller, code);
    return this.domains.listForCountry(code);
  }

  async setAutoApproveDomains(caller: AuthenticatedUser, country: string, domains: string[]): Promise<string[]> {
    const code = country.toUpperCase();
    this.assertMayManageCountry(caller, code);
    const cleaned = [...new Set(domains.map((domain) => domain.trim().toLowerCase().replace(/^@/, '')))].filter(
      Boolean,
    );
    const bad = cleaned.filter((domain) => !DOMAIN.test(domain));
    if (bad.length > 0) {
      throw DomainException.badRequest(`Not a domain name: ${bad.join(', ')}`, ErrorCode.ValidationFailed);
    }
    const free = cleaned.filter(isFreeMailDomain);
    if (free.length > 0) {
      // Anyone can open an address there: approving it would approve everyone (docs/security.md).
      throw Object.assign(
        DomainException.badRequest(
          `Public mail services cannot be approved automatically: ${free.join(', ')}`,
          ErrorCode.FreeMailDomain,
        ),
        { details: free },
      );
    }
    // Concurrent replaces of the same (possibly empty) list take gap locks and may deadlock: InnoDB
    // rolls one back, and running it again is the documented remedy.
    await retryOnDeadlock(() =>
      this.dataSource.transaction(async (manager) => {
        await this.domains.replaceForCountry(code, cleaned.sort(), caller.id, new Date(), manager);
        await this.audit.record(manager, {
          action: AuditAction.AutoApproveDomainsSet,
          targetType: 'country',
          targetId: code,
          targetCountry: code,
          details: { domains: cleaned.length },
        });
      }),
    );
    return this.domains.listForCountry(code);
  }
}
