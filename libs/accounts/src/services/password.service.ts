import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainException, ErrorCode } from '@app/common';
import { AppConfig } from '@app/config';
import { MailTemplate, NotificationsService } from '@app/notifications';
import { RateLimitKind, RateLimitService } from '../rate-limit/rate-limit.service';
import { OneTimeTokenPurpose } from '../entities/one-time-token.entity';
import { UserStatus } from '../entities/user.entity';
import { OneTimeTokenRepository } from '../repositories/one-time-token.repository';
import { UserRepository } from '../repositories/user.repository';
import { SessionService } from '../sessions/session.service';
import { PasswordHasher } from './password-hasher.service';
import { assertPasswordAcceptable } from './password-policy';
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from './secret-token';

export const RESET_TOKEN_LIFETIME_MS = 3600 * 1000;

/** Password reset by mailed link, and change by the signed-in owner. Either ends every session. */
@Injectable()
export class PasswordService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly tokens: OneTimeTokenRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    private readonly limits: RateLimitService,
  ) {}

  /** Mails a reset link if the account exists and may sign in one day; answers the same either way. */
  async requestReset(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user || user.status === UserStatus.Suspended || user.status === UserStatus.Rejected) {
      return;
    }
    const now = new Date();
    const raw = newSecretToken();
    await this.tokens.spendAllOfUser(user.id, OneTimeTokenPurpose.ResetPassword, now);
    await this.tokens.insert({
      id: randomUUID(),
      userId: user.id,
      purpose: OneTimeTokenPurpose.ResetPassword,
      tokenHash: hashSecretToken(raw),
      createdAt: now,
      expiresAt: new Date(now.getTime() + RESET_TOKEN_LIFETIME_MS),
      usedAt: null,
    });
    const link = new URL('/reset-password', this.config.publicUrl);
    link.searchParams.set('token', raw);
    await this.notifications.sendEmail({
      to: user.email,
      template: MailTemplate.PasswordReset,
      language: user.preferredLanguage,
      params: { displayName: user.displayName, link: link.toString() },
    });
  }

  async confirmReset(rawToken: unknown, password: string): Promise<void> {
    const now = new Date();
    const invalid = DomainException.badRequest(
      'This reset link is invalid or has expired: ask for a new one',
      ErrorCode.LinkInvalid,
    );
    if (!looksLikeSecretToken(rawToken)) {
      throw invalid;
    }
    const token = await this.tokens.findUsable(hashSecretToken(rawToken), OneTimeTokenPurpose.ResetPassword, now);
    const user = token ? await this.users.findById(token.userId) : null;
    if (!token || !user) {
      throw invalid;
    }
    assertPasswordAcceptable(password, { email: user.email, displayName: user.displayName });
    const passwordHash = await this.hasher.hash(password);
    const done = await this.dataSource.transaction(async (manager) => {
      if (!(await this.tokens.spend(token.id, now, manager))) {
        return false;
      }
      // The link came by mail: the address is confirmed (an onboarded officer's first password).
      await this.users.update(
        user.id,
        { passwordHash, tokenVersion: user.tokenVersion + 1, emailVerifiedAt: user.emailVerifiedAt ?? now },
        manager,
      );
      return true;
    });
    if (!done) {
      throw invalid;
    }
    await this.sessions.endAllOfUser(user.id, 'password-reset', now);
  }

  async change(userId: string, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) {
      throw DomainException.unauthorized();
    }
    // Guessing the current password with a stolen access token counts like guessing at sign-in.
    // Counted apart from sign-in, so strangers failing to sign in do not stop the owner changing it.
    const accountKey = RateLimitService.accountKey(user.email);
    await this.limits.consume(RateLimitKind.PasswordChange, accountKey);
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      throw DomainException.badRequest('The current password is not right', ErrorCode.WrongPassword);
    }
    // Only wrong current passwords count.
    await this.limits.refund(RateLimitKind.PasswordChange, accountKey);
    assertPasswordAcceptable(newPassword, { email: user.email, displayName: user.displayName });
    await this.users.update(user.id, {
      passwordHash: await this.hasher.hash(newPassword),
      tokenVersion: user.tokenVersion + 1,
    });
    await this.sessions.endAllOfUser(user.id, 'password-change');
  }
}
