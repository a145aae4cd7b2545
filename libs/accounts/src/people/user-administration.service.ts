import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditAction, AuditService } from '@app/audit';
import { DomainException, ErrorCode } from '@app/common';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { User, UserRole } from '../entities/user.entity';
import { CoordinatorAppointmentRepository } from '../repositories/coordinator-appointment.repository';
import { ALL_COUNTRIES, CountryScope, countriesScope } from '../repositories/country-scope';
import { SessionRepository } from '../repositories/session.repository';
import { UserRepository } from '../repositories/user.repository';
import { RegistrationService } from '../registration/registration.service';
import { RtcService } from '../rtcs/rtc.service';
import { AccountsService } from '../services/accounts.service';
import { SessionService } from '../sessions/session.service';
import { DirectoryEntry, PersonDetails, UserDirectoryQueryDto } from './people.dto';

export const SIGN_INS_SHOWN = 10;

/**
 * The user directory and a person's page (docs/people.md): the Secretariat administers every
 * account; a coordinator sees the officers of their countries and may mark one as having left the
 * service. Anyone outside the caller's scope answers 404, as if they did not exist.
 */
@Injectable()
export class UserAdministrationService {
  constructor(
    private readonly users: UserRepository,
    private readonly appointments: CoordinatorAppointmentRepository,
    private readonly sessionRows: SessionRepository,
    private readonly rtcService: RtcService,
    private readonly accounts: AccountsService,
    private readonly sessions: SessionService,
    private readonly registrations: RegistrationService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async directory(
    caller: AuthenticatedUser,
    query: UserDirectoryQueryDto,
  ): Promise<{ items: DirectoryEntry[]; total: number }> {
    const now = new Date();
    const { items, total } = await this.users.findDirectory(this.scopeOf(caller), query, now);
    const coordinators = new Set(
      (
        await this.appointments.findActiveForUsers(
          items.map((u) => u.id),
          now,
        )
      ).map((a) => a.userId),
    );
    return { items: items.map((user) => this.entry(user, coordinators.has(user.id))), total };
  }

  async person(caller: AuthenticatedUser, userId: string): Promise<PersonDetails> {
    const user = await this.find(caller, userId);
    const now = new Date();
    const [coordinatorAppointments, rtcAppointments, signIns] = await Promise.all([
      this.appointments.findHistoryOfUser(user.id),
      this.rtcService.historyOfPerson(user.id),
      this.sessionRows.recentOfUser(user.id, SIGN_INS_SHOWN),
    ]);
    const appointed = coordinatorAppointments.some((a) => a.startsAt <= now && (!a.endsAt || a.endsAt > now));
    return { ...this.entry(user, appointed), coordinatorAppointments, rtcAppointments, signIns };
  }

  /** Signs the person out everywhere: every session and its access tokens stop on their next request. */
  async endSessions(userId: string): Promise<User> {
    const user = await this.find({ kind: 'all' }, userId);
    await this.dataSource.transaction(async (manager) => {
      await this.sessions.endAllOfUser(user.id, 'ended_by_admin', new Date(), manager);
      await this.audit.record(manager, {
        action: AuditAction.UserEndSessions,
        targetType: 'user',
        targetId: user.id,
        targetCountry: user.country,
      });
    });
    return user;
  }

  async resendVerification(userId: string): Promise<void> {
    const user = await this.registrations.resendVerificationTo(userId);
    // The new link's row is written by the registration flow; the entry records that it was sent.
    await this.audit.record(null, {
      action: AuditAction.UserResendVerification,
      targetType: 'user',
      targetId: user.id,
      targetCountry: user.country,
    });
  }

  /** A coordinator (or the Secretariat) records that an officer left the service: suspended, records kept. */
  async markLeftService(caller: AuthenticatedUser, userId: string): Promise<User> {
    const user = await this.find(caller, userId);
    if (user.id === caller.id) {
      throw DomainException.badRequest('You cannot mark yourself as having left', ErrorCode.NotYourself);
    }
    return this.accounts.suspend(user.id, 'left_service');
  }

  private async find(caller: AuthenticatedUser | CountryScope, userId: string): Promise<User> {
    const scope = 'kind' in caller ? caller : this.scopeOf(caller);
    const user = await this.users.findInDirectory(scope, userId);
    if (!user) {
      throw DomainException.notFound('User', ErrorCode.UserNotFound);
    }
    return user;
  }

  private scopeOf(caller: AuthenticatedUser): CountryScope {
    return caller.roles.includes(UserRole.Admin) ? ALL_COUNTRIES : countriesScope(caller.coordinatorCountries);
  }

  private entry(user: User, coordinator: boolean): DirectoryEntry {
    return { user, roles: coordinator ? [user.role, 'coordinator'] : [user.role] };
  }
}
