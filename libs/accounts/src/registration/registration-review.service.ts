import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditAction, AuditService } from '@app/audit';
import { DomainException, ErrorCode } from '@app/common';
import { AppConfig } from '@app/config';
import { MailTemplate, NotificationsService } from '@app/notifications';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { DecisionOutcome } from '../entities/registration-decision.entity';
import { User, UserRole, UserStatus } from '../entities/user.entity';
import { ALL_COUNTRIES, countriesScope, CountryScope } from '../repositories/country-scope';
import { DecisionRow, RegistrationDecisionRepository } from '../repositories/registration-decision.repository';
import { RegistrationFilter, UserRepository } from '../repositories/user.repository';
import { SessionService } from '../sessions/session.service';

export type BulkOutcome = 'approved' | 'rejected' | 'not_found' | 'not_pending';

/**
 * Coordinators decide their own countries' registrations; the Secretariat decides any. The scope
 * comes from the caller's active appointments on this very request and goes into every query.
 */
@Injectable()
export class RegistrationReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly decisions: RegistrationDecisionRepository,
    private readonly sessions: SessionService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  scopeOf(caller: AuthenticatedUser): CountryScope {
    return caller.roles.includes(UserRole.Admin) ? ALL_COUNTRIES : countriesScope(caller.coordinatorCountries);
  }

  list(caller: AuthenticatedUser, filter: RegistrationFilter): Promise<{ items: User[]; total: number }> {
    return this.users.findRegistrations(this.scopeOf(caller), filter);
  }

  async approve(caller: AuthenticatedUser, userId: string): Promise<User> {
    return this.decide(caller, userId, DecisionOutcome.Approved, null);
  }

  async reject(caller: AuthenticatedUser, userId: string, reason: string): Promise<User> {
    return this.decide(caller, userId, DecisionOutcome.Rejected, reason.trim());
  }

  async bulk(
    caller: AuthenticatedUser,
    action: 'approve' | 'reject',
    userIds: string[],
    reason?: string,
  ): Promise<Array<{ userId: string; outcome: BulkOutcome }>> {
    if (action === 'reject' && !reason?.trim()) {
      throw DomainException.badRequest('A reason is required to reject', ErrorCode.ValidationFailed);
    }
    const unique = [...new Set(userIds)];
    const found = new Map(
      (await this.users.findRegistrationsByIds(this.scopeOf(caller), unique)).map((u) => [u.id, u]),
    );
    const results: Array<{ userId: string; outcome: BulkOutcome }> = [];
    for (const userId of unique) {
      const user = found.get(userId);
      if (!user) {
        results.push({ userId, outcome: 'not_found' });
        continue;
      }
      const outcome = action === 'approve' ? DecisionOutcome.Approved : DecisionOutcome.Rejected;
      const decided = await this.record(caller, user, outcome, action === 'reject' ? reason!.trim() : null);
      results.push({ userId, outcome: decided ? outcome : 'not_pending' });
    }
    return results;
  }

  decisionHistory(
    caller: AuthenticatedUser,
    options: { country?: string; userId?: string; page: number; pageSize: number },
  ): Promise<{ items: DecisionRow[]; total: number }> {
    return this.decisions.findInScope(this.scopeOf(caller), options);
  }

  /** Every decision in scope as CSV (RFC 4180; cells that could start a formula are defused). */
  async decisionsCsv(caller: AuthenticatedUser, country?: string): Promise<string> {
    await this.audit.record(null, {
      action: AuditAction.ExportDecisions,
      targetType: 'export',
      targetId: country?.toUpperCase() ?? 'all',
      targetCountry: country?.toUpperCase() ?? null,
    });
    const header = ['decided_at', 'country', 'outcome', 'email', 'display_name', 'reason', 'decided_by'];
    const lines = [header.join(',')];
    for (let page = 1; ; page++) {
      const { items } = await this.decisions.findInScope(this.scopeOf(caller), { country, page, pageSize: 1000 });
      for (const row of items) {
        lines.push(
          [
            row.decidedAt.toISOString(),
            row.country,
            row.outcome,
            row.email,
            row.displayName,
            row.reason ?? '',
            row.deciderName ?? 'system',
          ]
            .map(csvCell)
            .join(','),
        );
      }
      if (items.length < 1000) {
        break;
      }
    }
    return `${lines.join('\r\n')}\r\n`;
  }

  private async decide(
    caller: AuthenticatedUser,
    userId: string,
    outcome: DecisionOutcome,
    reason: string | null,
  ): Promise<User> {
    const user = await this.users.findRegistration(this.scopeOf(caller), userId);
    if (!user) {
      throw DomainException.notFound('Registration', ErrorCode.RegistrationNotFound);
    }
    if (!(await this.record(caller, user, outcome, reason))) {
      throw DomainException.conflict(
        `This registration is ${user.status}, not pending`,
        ErrorCode.RegistrationNotPending,
      );
    }
    return { ...user, status: outcome === DecisionOutcome.Approved ? UserStatus.Active : UserStatus.Rejected };
  }

  /** The status change and its decision row commit together, or neither; the mail is queued after. */
  private async record(
    caller: AuthenticatedUser,
    user: User,
    outcome: DecisionOutcome,
    reason: string | null,
  ): Promise<boolean> {
    const now = new Date();
    const status = outcome === DecisionOutcome.Approved ? UserStatus.Active : UserStatus.Rejected;
    const recorded = await this.dataSource.transaction(async (manager) => {
      if (!(await this.users.transition(user.id, UserStatus.Pending, { status }, manager))) {
        return false;
      }
      await this.decisions.append(
        {
          id: randomUUID(),
          userId: user.id,
          country: user.country!,
          outcome,
          reason,
          decidedBy: caller.id,
          decidedAt: now,
        },
        manager,
      );
      await this.audit.record(manager, {
        action: outcome === DecisionOutcome.Approved ? AuditAction.RegistrationApprove : AuditAction.RegistrationReject,
        targetType: 'user',
        targetId: user.id,
        targetCountry: user.country,
      });
      return true;
    });
    if (!recorded) {
      return false;
    }
    if (status === UserStatus.Rejected) {
      await this.sessions.endAllOfUser(user.id, 'rejected', now);
    }
    await this.notifications.sendEmail(
      outcome === DecisionOutcome.Approved
        ? {
            to: user.email,
            template: MailTemplate.RegistrationApproved,
            language: user.preferredLanguage,
            params: { displayName: user.displayName, link: new URL('/sign-in', this.config.publicUrl).toString() },
          }
        : {
            to: user.email,
            template: MailTemplate.RegistrationRejected,
            language: user.preferredLanguage,
            params: { displayName: user.displayName, reason: reason ?? '' },
          },
    );
    return true;
  }
}

function csvCell(value: string): string {
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(defused) ? `"${defused.replace(/"/g, '""')}"` : defused;
}
