import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainException, ErrorCode } from '@app/common';
import { AppConfig } from '@app/config';
import { MailTemplate, NotificationCenter, NotificationKind, NotificationsService } from '@app/notifications';
import { CoordinatorService } from '../coordinators/coordinator.service';
import { CountriesService } from '../countries/countries.service';
import { RateLimitKind, RateLimitService } from '../rate-limit/rate-limit.service';
import { OneTimeToken, OneTimeTokenPurpose } from '../entities/one-time-token.entity';
import { DecisionOutcome } from '../entities/registration-decision.entity';
import { Language, User, UserRole, UserStatus } from '../entities/user.entity';
import { AutoApproveDomainRepository } from '../repositories/auto-approve-domain.repository';
import { OneTimeTokenRepository } from '../repositories/one-time-token.repository';
import { RegistrationDecisionRepository } from '../repositories/registration-decision.repository';
import { normalizeEmail, UserRepository } from '../repositories/user.repository';
import { AccountsService } from '../services/accounts.service';
import { PasswordHasher } from '../services/password-hasher.service';
import { assertPasswordAcceptable } from '../services/password-policy';
import { isFreeMailDomain } from './free-mail-domains';
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from '../services/secret-token';

export const VERIFY_EMAIL_TOKEN_LIFETIME_MS = 48 * 3600 * 1000;

export interface RegistrationRequest {
  email: string;
  password: string;
  displayName: string;
  country: string;
  administration: string;
  jobTitle?: string;
  preferredLanguage?: Language;
}

/** Self-registration of customs officers: unverified → (email link) → pending, or active when auto-approved. */
@Injectable()
export class RegistrationService {
  private readonly logger = new Logger(RegistrationService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly tokens: OneTimeTokenRepository,
    private readonly decisions: RegistrationDecisionRepository,
    private readonly domains: AutoApproveDomainRepository,
    private readonly countries: CountriesService,
    private readonly accounts: AccountsService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    private readonly limits: RateLimitService,
    private readonly hasher: PasswordHasher,
    private readonly coordinators: CoordinatorService,
    private readonly center: NotificationCenter,
  ) {}

  /**
   * Registers a new account and mails its confirmation link. An address that already has an
   * account answers exactly the same (docs/security.md, "sign-up"): the same checks and argon2 work
   * run (and no failed INSERT, so no log line tells), nothing is written, the id is a fresh random
   * one (never the account's), and the owner is mailed that someone tried: sign-up tells no
   * stranger which addresses have accounts.
   */
  async register(request: RegistrationRequest): Promise<{ id: string; status: UserStatus }> {
    const email = normalizeEmail(request.email);
    const country = request.country.toUpperCase();
    if (!this.countries.isValid(country)) {
      throw DomainException.badRequest(`Unknown country code: ${request.country}`, ErrorCode.InvalidCountry);
    }
    if (await this.users.findByEmail(email)) {
      return this.answerTakenAddress(email, request);
    }
    let user: User;
    try {
      user = await this.accounts.createAccount({
        email,
        password: request.password,
        displayName: request.displayName,
        country,
        administration: request.administration,
        jobTitle: request.jobTitle,
        preferredLanguage: request.preferredLanguage,
        status: UserStatus.Unverified,
        role: UserRole.Learner,
      });
    } catch (error) {
      // Registered by a concurrent request since the look-up above.
      if (error instanceof DomainException && error.code === ErrorCode.EmailTaken) {
        await this.tellOwnerOfAttempt(email);
        return { id: randomUUID(), status: UserStatus.Unverified };
      }
      throw error;
    }
    await this.sendVerification(user);
    return { id: user.id, status: user.status };
  }

  /** What createAccount would check and compute, then the owner's mail and a random id: nothing is written. */
  private async answerTakenAddress(
    email: string,
    request: RegistrationRequest,
  ): Promise<{ id: string; status: UserStatus }> {
    assertPasswordAcceptable(request.password, { email, displayName: request.displayName.trim() });
    await this.hasher.hash(request.password);
    await this.tellOwnerOfAttempt(email);
    return { id: randomUUID(), status: UserStatus.Unverified };
  }

  /** Mails the owner of a taken address, at most RATE_LIMIT_MAIL_ACCOUNT times: no mailbox flooding. */
  private async tellOwnerOfAttempt(email: string): Promise<void> {
    const owner = await this.users.findByEmail(email);
    if (!owner) {
      return;
    }
    try {
      await this.limits.consume(RateLimitKind.MailAccount, RateLimitService.accountKey(owner.email));
    } catch (error) {
      if (error instanceof DomainException && error.code === ErrorCode.TooManyRequests) {
        return;
      }
      throw error;
    }
    await this.notifications.sendEmail({
      to: owner.email,
      template: MailTemplate.RegistrationAttempt,
      language: owner.preferredLanguage,
      params: { displayName: owner.displayName, link: new URL('/sign-in', this.config.publicUrl).toString() },
    });
  }

  /** Mails a fresh link (older ones stop working). Answers the same whether or not the address is known. */
  async resendVerification(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (user?.status === UserStatus.Unverified) {
      await this.sendVerification(user);
    }
  }

  /** The Secretariat mails a fresh confirmation link to an account that has not confirmed yet. */
  async resendVerificationTo(userId: string): Promise<User> {
    const user = await this.users.findById(userId);
    if (!user) {
      throw DomainException.notFound('User', ErrorCode.UserNotFound);
    }
    if (user.status !== UserStatus.Unverified) {
      throw DomainException.conflict(
        `This account is ${user.status}: its address is confirmed`,
        ErrorCode.UserNotUnverified,
      );
    }
    await this.sendVerification(user);
    return user;
  }

  /** Confirms the address: pending review, or active at once when the domain is on the country's allow-list. */
  async verifyEmail(rawToken: unknown): Promise<{ status: UserStatus }> {
    const now = new Date();
    const invalid = DomainException.badRequest(
      'This confirmation link is invalid or has expired: ask for a new one',
      ErrorCode.LinkInvalid,
    );
    if (!looksLikeSecretToken(rawToken)) {
      throw invalid;
    }
    const token = await this.tokens.findUsable(hashSecretToken(rawToken), OneTimeTokenPurpose.VerifyEmail, now);
    if (!token) {
      throw invalid;
    }
    const user = await this.users.findById(token.userId);
    if (!user || user.status !== UserStatus.Unverified) {
      throw invalid;
    }
    const domain = user.email.split('@')[1] ?? '';
    // A free-mail domain listed before such domains were refused still approves nobody.
    const autoApprove =
      user.country !== null && !isFreeMailDomain(domain) && (await this.domains.isListed(user.country, domain));
    const status = autoApprove ? UserStatus.Active : UserStatus.Pending;
    const done = await this.dataSource.transaction(async (manager) => {
      if (!(await this.tokens.spend(token.id, now, manager))) {
        return false;
      }
      const moved = await this.users.transition(
        user.id,
        UserStatus.Unverified,
        { status, emailVerifiedAt: now, pendingSince: autoApprove ? null : now },
        manager,
      );
      if (!moved) {
        return false;
      }
      if (autoApprove) {
        await this.decisions.append(
          {
            id: randomUUID(),
            userId: user.id,
            country: user.country!,
            outcome: DecisionOutcome.Approved,
            reason: `Email domain ${domain} is on the country's allow-list`,
            decidedBy: null,
            decidedAt: now,
          },
          manager,
        );
      }
      return true;
    });
    if (!done) {
      throw invalid;
    }
    if (autoApprove) {
      await this.notifications.sendEmail({
        to: user.email,
        template: MailTemplate.RegistrationApproved,
        language: user.preferredLanguage,
        params: { displayName: user.displayName, link: new URL('/sign-in', this.config.publicUrl).toString() },
      });
    }
    if (!autoApprove && user.country) {
      // Once a day per country: each coordinator's notification (by default in the daily digest).
      await this.center.notify(
        await this.coordinators.activeCoordinatorsOf(user.country),
        NotificationKind.RegistrationsWaiting,
        { country: user.country },
        { dedupeKey: `registrations:${user.country}:${now.toISOString().slice(0, 10)}` },
      );
    }
    this.logger.log({ userId: user.id, status }, 'Email verified');
    return { status };
  }

  private async sendVerification(user: User): Promise<void> {
    const now = new Date();
    const raw = newSecretToken();
    await this.tokens.spendAllOfUser(user.id, OneTimeTokenPurpose.VerifyEmail, now);
    const token: OneTimeToken = {
      id: randomUUID(),
      userId: user.id,
      purpose: OneTimeTokenPurpose.VerifyEmail,
      tokenHash: hashSecretToken(raw),
      createdAt: now,
      expiresAt: new Date(now.getTime() + VERIFY_EMAIL_TOKEN_LIFETIME_MS),
      usedAt: null,
    };
    await this.tokens.insert(token);
    const link = new URL('/verify-email', this.config.publicUrl);
    link.searchParams.set('token', raw);
    await this.notifications.sendEmail({
      to: user.email,
      template: MailTemplate.VerifyEmail,
      language: user.preferredLanguage,
      params: { displayName: user.displayName, link: link.toString() },
    });
  }
}
