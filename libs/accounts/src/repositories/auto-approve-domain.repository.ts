import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AutoApproveDomain } from '../entities/auto-approve-domain.entity';

@Injectable()
export class AutoApproveDomainRepository {
  constructor(@InjectRepository(AutoApproveDomain) private readonly domains: Repository<AutoApproveDomain>) {}

  async listForCountry(country: string): Promise<string[]> {
    const rows = await this.domains.find({ where: { country }, order: { domain: 'ASC' } });
    return rows.map((row) => row.domain);
  }

  async isListed(country: string, domain: string): Promise<boolean> {
    return (await this.domains.countBy({ country, domain })) > 0;
  }

  /** Replaces a country's list, in the caller's transaction (the caller retries on a deadlock). */
  async replaceForCountry(
    country: string,
    domains: string[],
    by: string,
    at: Date,
    manager: EntityManager,
  ): Promise<void> {
    await manager.delete(AutoApproveDomain, { country });
    if (domains.length > 0) {
      await manager.insert(
        AutoApproveDomain,
        domains.map((domain) => ({ country, domain, addedBy: by, addedAt: at })),
      );
    }
  }
}
