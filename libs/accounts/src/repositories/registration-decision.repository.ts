import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { RegistrationDecision } from '../entities/registration-decision.entity';
import { CountryScope } from './country-scope';

export interface DecisionRow extends RegistrationDecision {
  email: string;
  displayName: string;
  deciderName: string | null;
}

/** Append-only: there is deliberately no update or delete here. */
@Injectable()
export class RegistrationDecisionRepository {
  constructor(@InjectRepository(RegistrationDecision) private readonly decisions: Repository<RegistrationDecision>) {}

  async append(decision: RegistrationDecision, manager: EntityManager): Promise<void> {
    await manager.getRepository(RegistrationDecision).insert(decision);
  }

  async appendMany(decisions: RegistrationDecision[], manager: EntityManager): Promise<void> {
    if (decisions.length > 0) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(RegistrationDecision)
        .values(decisions)
        .updateEntity(false)
        .execute();
    }
  }

  /** Decisions in the scope, newest first, with the names a person reads. */
  async findInScope(
    scope: CountryScope,
    options: { userId?: string; country?: string; page: number; pageSize: number },
  ): Promise<{ items: DecisionRow[]; total: number }> {
    if (scope.kind === 'countries' && scope.countries.length === 0) {
      return { items: [], total: 0 };
    }
    const query = this.decisions
      .createQueryBuilder('d')
      .innerJoin('users', 'u', 'u.id = d.user_id')
      .leftJoin('users', 'by', 'by.id = d.decided_by')
      .select([
        'd.id AS id',
        'd.user_id AS userId',
        'd.country AS country',
        'd.outcome AS outcome',
        'd.reason AS reason',
        'd.decided_by AS decidedBy',
        'd.decided_at AS decidedAt',
        'u.email AS email',
        'u.display_name AS displayName',
        'by.display_name AS deciderName',
      ]);
    if (scope.kind === 'countries') {
      query.where('d.country IN (:...countries)', { countries: scope.countries });
    }
    if (options.userId) {
      query.andWhere('d.user_id = :userId', { userId: options.userId });
    }
    if (options.country) {
      query.andWhere('d.country = :country', { country: options.country });
    }
    const total = await query.clone().getCount();
    const items = await query
      .orderBy('d.decided_at', 'DESC')
      .addOrderBy('d.id', 'ASC')
      .offset((options.page - 1) * options.pageSize)
      .limit(options.pageSize)
      .getRawMany<DecisionRow>();
    return { items: items.map((row) => ({ ...row, decidedAt: new Date(row.decidedAt) })), total };
  }
}
