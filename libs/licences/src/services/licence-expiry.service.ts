import { Injectable } from '@nestjs/common';
import { LicenceRepository } from '../repositories/licence.repository';
import { ReceivedLicenceRepository } from '../repositories/received-licence.repository';

export interface EndingLicence {
  id: string;
  country: string;
  validUntil: string;
  /** Granted by this hub, or received by this national server. */
  held: 'granted' | 'received';
}

/** Licences ending soon, granted (hub) or received (national server), for the admins' notice. */
@Injectable()
export class LicenceExpiryService {
  constructor(
    private readonly licences: LicenceRepository,
    private readonly received: ReceivedLicenceRepository,
  ) {}

  /** Licences whose last day is from `today` to `days` later (ISO dates, UTC). */
  async endingWithin(days: number, today: Date): Promise<EndingLicence[]> {
    const from = today.toISOString().slice(0, 10);
    const to = new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
    const [granted, received] = await Promise.all([
      this.licences.endingBetween(from, to),
      this.received.endingBetween(from, to),
    ]);
    return [
      ...granted.map((l) => ({
        id: l.id,
        country: l.licenseeCountry,
        validUntil: l.validUntil,
        held: 'granted' as const,
      })),
      ...received.map((l) => ({
        id: l.id,
        country: l.licenseeCountry,
        validUntil: l.validUntil,
        held: 'received' as const,
      })),
    ];
  }
}
