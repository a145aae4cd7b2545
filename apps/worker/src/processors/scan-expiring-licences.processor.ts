import { Injectable } from '@nestjs/common';
import { AccountsService } from '@app/accounts';
import { LicenceExpiryService } from '@app/licences';
import { NotificationCenter, NotificationKind } from '@app/notifications';
import { JobHandler, JobName, JobResults, ScanExpiringLicencesPayload } from '@app/queue';

/** Days ahead a licence's end is announced to the admins. */
const NOTICE_DAYS = 30;

/** Daily: tells the admins of each licence ending within 30 days, once per licence and end date. */
@Injectable()
export class ScanExpiringLicencesProcessor implements JobHandler<JobName.ScanExpiringLicences> {
  readonly jobName = JobName.ScanExpiringLicences;

  constructor(
    private readonly expiry: LicenceExpiryService,
    private readonly accounts: AccountsService,
    private readonly center: NotificationCenter,
  ) {}

  async handle(payload: ScanExpiringLicencesPayload): Promise<JobResults[JobName.ScanExpiringLicences]> {
    const ending = await this.expiry.endingWithin(NOTICE_DAYS, payload.now ? new Date(payload.now) : new Date());
    const admins = (await this.accounts.activeAdmins()).map((admin) => ({
      id: admin.id,
      email: admin.email,
      displayName: admin.displayName,
      language: admin.preferredLanguage,
    }));
    for (const licence of ending) {
      await this.center.notify(
        admins,
        NotificationKind.LicenceExpiring,
        { licenceId: licence.id, country: licence.country, validUntil: licence.validUntil },
        { dedupeKey: `licence:${licence.id}:${licence.validUntil}` },
      );
    }
    return { licences: ending.length, admins: admins.length };
  }
}
