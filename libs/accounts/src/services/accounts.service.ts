import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditAction, AuditService } from '@app/audit';
import { isEmail } from 'class-validator';
import { DomainException, ErrorCode, safeText } from '@app/common';
import { Language, User, UserRole, UserStatus } from '../entities/user.entity';
import { normalizeEmail, UserRepository } from '../repositories/user.repository';
import { SessionService } from '../sessions/session.service';
import { PasswordHasher } from './password-hasher.service';
import { assertPasswordAcceptable } from './password-policy';

export interface NewAccount {
  email: string;
  password: string;
  displayName: string;
  role: UserRole;
  status: UserStatus;
  country?: string | null;
  administration?: string;
  jobTitle?: string;
  preferredLanguage?: Language;
}

@Injectable()
export class AccountsService {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Suspends an active account: every session and access token of it stops on its next request. */
  async suspend(userId: string, reason = 'suspended'): Promise<User> {
    const user = await this.users.findById(userId);
    if (!user) {
      throw DomainException.notFound('User', ErrorCode.UserNotFound);
    }
    const suspended =
      user.status === UserStatus.Active &&
      (await this.dataSource.transaction(async (manager) => {
        const moved = await this.users.transition(
          user.id,
          UserStatus.Active,
          { status: UserStatus.Suspended, tokenVersion: user.tokenVersion + 1 },
          manager,
        );
        if (moved) {
          await this.audit.record(manager, {
            action: reason === 'left_service' ? AuditAction.UserLeftService : AuditAction.UserSuspend,
            targetType: 'user',
            targetId: user.id,
            targetCountry: user.country,
          });
        }
        return moved;
      }));
    if (!suspended) {
      throw DomainException.conflict(`This account is ${user.status}, not active`, ErrorCode.UserNotActive);
    }
    await this.sessions.endAllOfUser(user.id, reason);
    return { ...user, status: UserStatus.Suspended };
  }

  /** Lifts a suspension. */
  async reinstate(userId: string): Promise<User> {
    const user = await this.users.findById(userId);
    if (!user) {
      throw DomainException.notFound('User', ErrorCode.UserNotFound);
    }
    const reinstated = await this.dataSource.transaction(async (manager) => {
      const moved = await this.users.transition(user.id, UserStatus.Suspended, { status: UserStatus.Active }, manager);
      if (moved) {
        await this.audit.record(manager, {
          action: AuditAction.UserReinstate,
          targetType: 'user',
          targetId: user.id,
          targetCountry: user.country,
        });
      }
      return moved;
    });
    if (!reinstated) {
      throw DomainException.conflict(`This account is ${user.status}, not suspended`, ErrorCode.UserNotSuspended);
    }
    return { ...user, status: UserStatus.Active };
  }

  /** Accounts by id in any status, for other contexts that show people (group members, authors). */
  usersByIds(ids: string[]): Promise<User[]> {
    return this.users.findAllByIds(ids);
  }

  /** The active account with this email, if any (group invitations by email). */
  async findActiveByEmail(email: string): Promise<User | null> {
    const user = await this.users.findByEmail(normalizeEmail(email));
    return user?.status === UserStatus.Active ? user : null;
  }

  /** Active admins (hub and national Secretariat), for notices such as licences ending. */
  activeAdmins(): Promise<User[]> {
    return this.users.findActiveAdmins();
  }

  countUsers(): Promise<number> {
    return this.users.count();
  }

  /**
   * The one way an account is made (self-registration, admins, seeds): email normalised, password
   * policy applied with the person's own email and name, duplicate email → 409 EMAIL_TAKEN.
   */
  async createAccount(account: NewAccount): Promise<User> {
    const email = normalizeEmail(account.email);
    if (!isEmail(email)) {
      throw DomainException.badRequest(`Not an email address: ${account.email}`, ErrorCode.ValidationFailed);
    }
    const displayName = safeText(account.displayName.trim(), 'displayName');
    assertPasswordAcceptable(account.password, { email, displayName });
    const now = new Date();
    const user: User = Object.assign(new User(), {
      id: randomUUID(),
      email,
      passwordHash: await this.hasher.hash(account.password),
      displayName,
      country: account.country ?? null,
      administration: account.administration?.trim() ?? '',
      jobTitle: account.jobTitle?.trim() ?? '',
      preferredLanguage: account.preferredLanguage ?? 'en',
      status: account.status,
      role: account.role,
      tokenVersion: 0,
      emailVerifiedAt: account.status === UserStatus.Unverified ? null : now,
      pendingSince: null,
      remindedAt: null,
      escalatedAt: null,
    });
    try {
      await this.users.insert(user);
    } catch (error) {
      if ((error as { code?: string }).code === 'ER_DUP_ENTRY') {
        throw DomainException.conflict('An account with this email already exists', ErrorCode.EmailTaken);
      }
      throw error;
    }
    return user;
  }

  /**
   * Makes sure an active admin with this email and password exists. Running it again with the same
   * arguments changes nothing visible; an existing non-admin account is promoted, and its existing
   * sessions end (its token version moves on).
   */
  async ensureAdmin(email: string, password: string): Promise<{ user: User; created: boolean }> {
    assertPasswordAcceptable(password);
    const existing = await this.users.findByEmail(email);
    if (!existing) {
      const user = await this.createAccount({
        email,
        password,
        displayName: normalizeEmail(email).split('@')[0] ?? 'Administrator',
        role: UserRole.Admin,
        status: UserStatus.Active,
      });
      return { user, created: true };
    }
    const samePassword = await this.hasher.verify(existing.passwordHash, password);
    const changes: Parameters<UserRepository['update']>[1] = {};
    if (!samePassword || this.hasher.needsRehash(existing.passwordHash)) {
      changes.passwordHash = await this.hasher.hash(password);
    }
    if (existing.role !== UserRole.Admin || existing.status !== UserStatus.Active) {
      changes.role = UserRole.Admin;
      changes.status = UserStatus.Active;
      changes.emailVerifiedAt = existing.emailVerifiedAt ?? new Date();
    }
    if (!samePassword || changes.role) {
      changes.tokenVersion = existing.tokenVersion + 1;
    }
    if (Object.keys(changes).length > 0) {
      await this.users.update(existing.id, changes);
    }
    const user: User = { ...existing, ...changes };
    return { user, created: false };
  }
}
