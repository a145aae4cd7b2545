import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainException, ErrorCode } from '@app/common';
import { AppConfig } from '@app/config';
import { MailRequest, MailTemplate, NotificationsService } from '@app/notifications';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { CountriesService } from '../countries/countries.service';
import { OneTimeToken, OneTimeTokenPurpose } from '../entities/one-time-token.entity';
import { DecisionOutcome, RegistrationDecision } from '../entities/registration-decision.entity';
import { Language, User, UserRole, UserStatus } from '../entities/user.entity';
import { OneTimeTokenRepository } from '../repositories/one-time-token.repository';
import { RegistrationDecisionRepository } from '../repositories/registration-decision.repository';
import { UserRepository } from '../repositories/user.repository';
import { UNSET_PASSWORD_HASH } from '../services/password-hasher.service';
import { hashSecretToken, newSecretToken } from '../services/secret-token';
import { OfficerRow, parseOfficerCsv, RejectedRow } from './officer-csv';

/** How long the mailed "choose your password" link works (a reset link works one hour). */
export const ONBOARDING_LINK_LIFETIME_MS = 14 * 24 * 3600 * 1000;
/** Accounts written per transaction. */
const BATCH = 500;
/** Rejected rows kept in the job's result; the count says how many there were in all. */
const MAX_REPORTED_REJECTIONS = 1000;

export interface OnboardingResult {
  country: string;
  /** Officer rows in the file (the header aside). */
  rows: number;
  created: number;
  /** Rows whose address already had an account in this country: left as they are, nobody mailed. */
  alreadyRegistered: number;
  rejectedCount: number;
  /** The first rejected rows, by line. */
  rejected: RejectedRow[];
}

/**
 * Bulk onboarding (docs/people.md): a coordinator's CSV of their officers becomes approved
 * accounts of their country, each mailed a link to choose a password. Idempotent by address: an
 * address that has an account in the country is left alone, one in another country is refused.
 * Accounts are made without argon2 work (their hash is {@link UNSET_PASSWORD_HASH} until the
 * officer chooses a password), written in batches, and their mails queued in bulk.
 */
@Injectable()
export class BulkOnboardingService {
  private readonly logger = new Logger(BulkOnboardingService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly tokens: OneTimeTokenRepository,
    private readonly decisions: RegistrationDecisionRepository,
    private readonly countries: CountriesService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  /**
   * The country a caller onboards into: a coordinator's own (they name it when they coordinate
   * several; another one is 403), any country an admin names (and must name).
   */
  targetCountry(caller: AuthenticatedUser, requested: string | undefined): string {
    const country = requested?.trim().toUpperCase() || undefined;
    if (country !== undefined && !this.countries.isValid(country)) {
      throw DomainException.badRequest(`Unknown country code: ${requested}`, ErrorCode.InvalidCountry);
    }
    if (caller.roles.includes(UserRole.Admin)) {
      if (!country) {
        throw DomainException.badRequest('Name the country to onboard officers into', ErrorCode.InvalidCountry);
      }
      return country;
    }
    if (country) {
      if (!caller.coordinatorCountries.includes(country)) {
        throw DomainException.forbidden('You can onboard the officers of your own country only', ErrorCode.Forbidden);
      }
      return country;
    }
    if (caller.coordinatorCountries.length !== 1) {
      throw DomainException.badRequest(
        'You coordinate several countries: name the one to onboard officers into',
        ErrorCode.InvalidCountry,
      );
    }
    return caller.coordinatorCountries[0];
  }

  /** Reads the file and onboards its officers; `progress` hears 0–100 as batches are written. */
  async onboard(
    input: { bytes: Buffer; country: string; requestedBy: string },
    progress: (percent: number) => Promise<void>,
  ): Promise<OnboardingResult> {
    const { rows, rejected } = parseOfficerCsv(input.bytes);
    const rowCount = rows.length + rejected.length;
    const requester = await this.users.findById(input.requestedBy);
    const defaultLanguage: Language = requester?.preferredLanguage ?? 'en';
    const fresh: OfficerRow[] = [];
    let alreadyRegistered = 0;
    for (let start = 0; start < rows.length; start += 1000) {
      const slice = rows.slice(start, start + 1000);
      const holders = new Map(
        (await this.users.findByEmails(slice.map((row) => row.email))).map((user) => [user.email, user]),
      );
      for (const row of slice) {
        const holder = holders.get(row.email);
        if (!holder) {
          fresh.push(row);
        } else if (holder.country === input.country) {
          alreadyRegistered += 1;
        } else {
          rejected.push({
            line: row.line,
            email: row.email,
            name: row.displayName,
            problem: holder.country === null ? 'EMAIL_OF_ANOTHER_ACCOUNT' : 'EMAIL_OF_ANOTHER_COUNTRY',
          });
        }
      }
    }
    await progress(10);
    let created = 0;
    for (let start = 0; start < fresh.length; start += BATCH) {
      const batch = fresh.slice(start, start + BATCH);
      const { inserted, mails } = await this.writeBatch(batch, input, defaultLanguage);
      created += inserted;
      alreadyRegistered += batch.length - inserted;
      // After the commit: a mail never names an account that is not there.
      await this.notifications.sendEmails(mails);
      await progress(10 + Math.floor((89 * (start + batch.length)) / fresh.length));
    }
    rejected.sort((a, b) => a.line - b.line);
    this.logger.log(
      { country: input.country, rows: rowCount, created, alreadyRegistered, rejected: rejected.length },
      'Officers onboarded',
    );
    return {
      country: input.country,
      rows: rowCount,
      created,
      alreadyRegistered,
      rejectedCount: rejected.length,
      rejected: rejected.slice(0, MAX_REPORTED_REJECTIONS),
    };
  }

  private async writeBatch(
    batch: OfficerRow[],
    input: { country: string; requestedBy: string },
    defaultLanguage: Language,
  ): Promise<{ inserted: number; mails: Array<{ mail: MailRequest; jobId: string }> }> {
    const now = new Date();
    const accounts = batch.map((row) =>
      Object.assign(new User(), {
        id: randomUUID(),
        email: row.email,
        passwordHash: UNSET_PASSWORD_HASH,
        displayName: row.displayName,
        country: input.country,
        administration: '',
        jobTitle: row.jobTitle,
        preferredLanguage: row.language ?? defaultLanguage,
        status: UserStatus.Active,
        role: UserRole.Learner,
        tokenVersion: 0,
        // Confirmed when the officer follows the mailed link and chooses a password.
        emailVerifiedAt: null,
        pendingSince: null,
        remindedAt: null,
        escalatedAt: null,
      }),
    );
    return this.dataSource.transaction(async (manager) => {
      const inserted = await this.users.insertManyIgnoringTaken(accounts, manager);
      const made = accounts.filter((user) => inserted.has(user.id));
      const links = made.map((user) => ({ user, raw: newSecretToken() }));
      await this.tokens.insertMany(
        links.map(({ user, raw }) =>
          Object.assign(new OneTimeToken(), {
            id: randomUUID(),
            userId: user.id,
            purpose: OneTimeTokenPurpose.ResetPassword,
            tokenHash: hashSecretToken(raw),
            createdAt: now,
            expiresAt: new Date(now.getTime() + ONBOARDING_LINK_LIFETIME_MS),
            usedAt: null,
          }),
        ),
        manager,
      );
      await this.decisions.appendMany(
        made.map((user) =>
          Object.assign(new RegistrationDecision(), {
            id: randomUUID(),
            userId: user.id,
            country: input.country,
            outcome: DecisionOutcome.Approved,
            reason: null,
            decidedBy: input.requestedBy,
            decidedAt: now,
          }),
        ),
        manager,
      );
      return {
        inserted: made.length,
        mails: links.map(({ user, raw }) => {
          const link = new URL('/reset-password', this.config.publicUrl);
          link.searchParams.set('token', raw);
          return {
            jobId: `onboarding-${user.id}`,
            mail: {
              to: user.email,
              template: MailTemplate.AccountCreated,
              language: user.preferredLanguage,
              params: { displayName: user.displayName, country: input.country, link: link.toString() },
            },
          };
        }),
      };
    });
  }
}
