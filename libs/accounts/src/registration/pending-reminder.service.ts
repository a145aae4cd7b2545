import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { MailTemplate, NotificationsService } from '@app/notifications';
import { CoordinatorService } from '../coordinators/coordinator.service';
import { User } from '../entities/user.entity';
import { UserRepository } from '../repositories/user.repository';

const DAY_MS = 24 * 3600 * 1000;

function byCountry(users: User[]): Map<string, User[]> {
  const groups = new Map<string, User[]>();
  for (const user of users) {
    const country = user.country ?? '??';
    groups.set(country, [...(groups.get(country) ?? []), user]);
  }
  return groups;
}

/**
 * Registrations left pending: one reminder to the country's coordinators after
 * REGISTRATION_REMINDER_DAYS, one escalation to the Secretariat after REGISTRATION_ESCALATION_DAYS.
 * Each registration is reminded and escalated at most once (marked in the same run).
 */
@Injectable()
export class PendingReminderService {
  private readonly logger = new Logger(PendingReminderService.name);

  constructor(
    private readonly users: UserRepository,
    private readonly coordinators: CoordinatorService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  async run(now = new Date()): Promise<{ reminded: number; escalated: number }> {
    const dashboard = new URL('/coordinator', this.config.publicUrl).toString();
    let reminded = 0;
    const toRemind = await this.users.findPendingSince(
      new Date(now.getTime() - this.config.registrationReminderDays * DAY_MS),
      'remindedAt',
    );
    for (const [country, users] of byCountry(toRemind)) {
      const coordinators = await this.coordinators.activeCoordinatorsOf(country);
      if (coordinators.length === 0) {
        // Nobody to remind yet: a coordinator appointed later is reminded; the escalation still runs.
        continue;
      }
      for (const coordinator of coordinators) {
        await this.notifications.sendEmail({
          to: coordinator.email,
          template: MailTemplate.PendingRegistrationsReminder,
          language: coordinator.language,
          params: { displayName: coordinator.displayName, country, count: String(users.length), link: dashboard },
        });
      }
      await this.users.markNotified(
        users.map((user) => user.id),
        'remindedAt',
        now,
      );
      reminded += users.length;
    }

    let escalated = 0;
    const toEscalate = await this.users.findPendingSince(
      new Date(now.getTime() - this.config.registrationEscalationDays * DAY_MS),
      'escalatedAt',
    );
    if (toEscalate.length > 0) {
      const admins = await this.users.findActiveAdmins();
      for (const [country, users] of byCountry(toEscalate)) {
        for (const admin of admins) {
          await this.notifications.sendEmail({
            to: admin.email,
            template: MailTemplate.PendingRegistrationsEscalation,
            language: admin.preferredLanguage,
            params: {
              displayName: admin.displayName,
              country,
              count: String(users.length),
              days: String(this.config.registrationEscalationDays),
              link: dashboard,
            },
          });
        }
        await this.users.markNotified(
          users.map((user) => user.id),
          'escalatedAt',
          now,
        );
        escalated += users.length;
      }
    }
    if (reminded + escalated > 0) {
      this.logger.log({ reminded, escalated }, 'Pending registrations followed up');
    }
    return { reminded, escalated };
  }
}
