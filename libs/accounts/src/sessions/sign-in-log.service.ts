import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { SignInRepository } from '../repositories/sign-in.repository';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Records successful sign-ins for the usage figures (docs/reports.md) and forgets them after
 * SIGN_IN_RETENTION_DAYS. Recording is one INSERT; a failure to record never fails the sign-in.
 */
@Injectable()
export class SignInLogService {
  private readonly logger = new Logger(SignInLogService.name);

  constructor(
    private readonly signIns: SignInRepository,
    private readonly config: AppConfig,
  ) {}

  async record(user: { id: string; country: string | null }, at = new Date()): Promise<void> {
    try {
      await this.signIns.record(user.id, user.country, at);
    } catch (error) {
      this.logger.warn(`Sign-in of ${user.id} not recorded: ${(error as Error).message}`);
    }
  }

  /** Removes sign-ins older than the retention period; the number removed. */
  purge(now = new Date()): Promise<number> {
    return this.signIns.purgeBefore(new Date(now.getTime() - this.config.signInRetentionDays * DAY_MS));
  }
}
