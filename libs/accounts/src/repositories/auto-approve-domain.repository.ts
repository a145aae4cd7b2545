import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { retryOnDeadlock } from '@app/database';
import { AutoApproveDomain } from '../entities/auto-approve-domain.entity';

@Injectable()
export class AutoApproveDomainRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(AutoApproveDomain) private readonly domains: Repository<AutoApproveDomain>,
  ) {}

  async listForCountry(country: string): Promise<string[]> {
    const rows = await this.domains.find({ where: { country }, order: { domain: 'ASC' } });
    return rows.map((row) => row.domain);
  }

  async isListed(country: string, domain: string): Promise<boolean> {
    return (await this.domains.countBy({ country, domain })) > 0;
  }

  /** Replaces a country's list in one transaction. */
  async replaceForCountry(country: string, domains: string[], by: string, at: Date): Promise<void> {
    // Concurrent replaces of the same (possibly empty) list take gap locks and may deadlock: InnoDB
    // rolls one back, and running it again is the documented remedy.
    await retryOnDeadlock(() =>
      this.dataSource.transaction(async (manager) => {
        await manager.delete(AutoApproveDomain, { country });
        if (domains.length > 0) {
          await manager.insert(
            AutoApproveDomain,
            domains.map((domain) => ({ country, domain, addedBy: by, addedAt: at })),
          );
        }
      }),
    );
  }
}
