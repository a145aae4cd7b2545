import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { ChainedFields, chainHash, GENESIS_HASH } from './audit-chain';
import { AuditChainHead } from './entities/audit-chain-head.entity';
import { AuditEntry } from './entities/audit-entry.entity';

/** Which rows a reader may see: all (the Secretariat), or those whose actor or target is in these countries. */
export type AuditScope = { all: true } | { all: false; countries: string[] };

export interface AuditFilter {
  actorId?: string;
  targetId?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

export type NewAuditEntry = Omit<ChainedFields, 'seq'>;

/**
 * The trail's only writer appends; there is no update or delete of `audit_log` in the application
 * (the chain head row is the one row it rewrites).
 */
@Injectable()
export class AuditRepository {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  /** Appends in the caller's transaction, under the head's row lock; the entry as stored. */
  async append(manager: EntityManager, entry: NewAuditEntry): Promise<AuditEntry> {
    let head = await this.lockHead(manager);
    if (!head) {
      // The migration creates the head; a database emptied by hand (tests) gets it back here.
      await manager.query('INSERT IGNORE INTO `audit_chain_head` (`id`, `seq`, `hash`) VALUES (1, 0, ?)', [
        GENESIS_HASH,
      ]);
      head = (await this.lockHead(manager))!;
    }
    const seq = Number(head.seq) + 1;
    const hash = chainHash(head.hash, { ...entry, seq });
    const row: AuditEntry = {
      seq: String(seq),
      occurredAt: entry.occurredAt,
      actorId: entry.actorId,
      actorCountry: entry.actorCountry,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      targetCountry: entry.targetCountry,
      ip: entry.ip,
      details: entry.details,
      prevHash: head.hash,
      hash,
    };
    await manager.insert(AuditEntry, row);
    await manager.update(AuditChainHead, { id: 1 }, { seq: String(seq), hash });
    return row;
  }

  /**
   * Locks the head row until the transaction ends, so appends queue behind each other. Taken
   * straight away with FOR UPDATE (a shared lock first, as INSERT IGNORE takes, would let two
   * transactions deadlock on the upgrade).
   */
  private async lockHead(manager: EntityManager): Promise<{ seq: string | number; hash: string } | undefined> {
    const rows = await manager.query<
      Array<{
        seq: string | number;
        hash: string;
      }>
    >('SELECT `seq`, `hash` FROM `audit_chain_head` WHERE `id` = 1 FOR UPDATE');
    return rows[0];
  }

  async findPage(
    scope: AuditScope,
    filter: AuditFilter,
    page: number,
    pageSize: number,
  ): Promise<{ items: AuditEntry[]; total: number }> {
    const [items, total] = await this.query(scope, filter)
      .orderBy('entry.seq', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items, total };
  }

  /** Rows in scope, newest first, a batch at a time (for the CSV export). */
  async *streamInScope(scope: AuditScope, filter: AuditFilter, batch = 1000): AsyncGenerator<AuditEntry[]> {
    let before: string | null = null;
    for (;;) {
      const query = this.query(scope, filter).orderBy('entry.seq', 'DESC').take(batch);
      if (before !== null) {
        query.andWhere('entry.seq < :before', { before });
      }
      const rows = await query.getMany();
      if (rows.length > 0) {
        yield rows;
      }
      if (rows.length < batch) {
        return;
      }
      before = rows[rows.length - 1].seq;
    }
  }

  /** Every row in chain order, a batch at a time (for the check). */
  async *streamChain(batch = 5000): AsyncGenerator<AuditEntry[]> {
    let after = '0';
    for (;;) {
      const rows = await this.entries
        .createQueryBuilder('entry')
        .where('entry.seq > :after', { after })
        .orderBy('entry.seq', 'ASC')
        .take(batch)
        .getMany();
      if (rows.length > 0) {
        yield rows;
      }
      if (rows.length < batch) {
        return;
      }
      after = rows[rows.length - 1].seq;
    }
  }

  async head(): Promise<{ seq: number; hash: string } | null> {
    const rows = await this.entries.query<
      Array<{
        seq: string | number;
        hash: string;
      }>
    >('SELECT `seq`, `hash` FROM `audit_chain_head` WHERE `id` = 1');
    return rows.length ? { seq: Number(rows[0].seq), hash: rows[0].hash } : null;
  }

  private query(scope: AuditScope, filter: AuditFilter): SelectQueryBuilder<AuditEntry> {
    const query = this.entries.createQueryBuilder('entry');
    if (!scope.all) {
      if (scope.countries.length === 0) {
        query.where('1 = 0');
      } else {
        query.where('(entry.actorCountry IN (:...countries) OR entry.targetCountry IN (:...countries))', {
          countries: scope.countries,
        });
      }
    }
    if (filter.actorId) {
      query.andWhere('entry.actorId = :actorId', { actorId: filter.actorId });
    }
    if (filter.targetId) {
      query.andWhere('entry.targetId = :targetId', { targetId: filter.targetId });
    }
    if (filter.action) {
      query.andWhere('entry.action = :action', { action: filter.action });
    }
    if (filter.from) {
      query.andWhere('entry.occurredAt >= :from', { from: filter.from });
    }
    if (filter.to) {
      query.andWhere('entry.occurredAt < :to', { to: filter.to });
    }
    return query;
  }
}
