import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditTargetType } from './audit-action';
import { canonicalDetails, chainHash, GENESIS_HASH } from './audit-chain';
import { AuditContext, AuditContextStore } from './audit-context';
import { AuditFilter, AuditRepository, AuditScope } from './audit.repository';
import { AuditEntry } from './entities/audit-entry.entity';

export interface AuditRecord {
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string;
  /** The target's country when it has one (a person's, an appointment's), for coordinators' view. */
  targetCountry?: string | null;
  /** Facts about the action: statuses, counts, formats. Never names or addresses. */
  details?: Record<string, string | number | boolean | null>;
}

export type AuditCheckResult =
  { ok: true; checked: number } | { ok: false; checked: number; brokenSeq: number; reason: string };

/** The audit trail (docs/audit.md): append in the action's transaction, read in scope, check the chain. */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly entries: AuditRepository,
  ) {}

  /**
   * Appends an entry for an action. `manager` is the action's own transaction, so the entry commits
   * with the action or not at all; `null` only for actions with nothing to write (an export, a
   * queued job), which get a transaction of their own. Actor and address come from the request.
   */
  async record(manager: EntityManager | null, record: AuditRecord, context?: AuditContext): Promise<void> {
    const actor = context ?? AuditContextStore.current() ?? { actorId: null, actorCountry: null, ip: null };
    const entry = {
      occurredAt: new Date(),
      actorId: actor.actorId,
      actorCountry: actor.actorCountry,
      action: record.action,
      targetType: record.targetType,
      targetId: record.targetId,
      targetCountry: record.targetCountry ?? null,
      ip: actor.ip,
      details: canonicalDetails(record.details),
    };
    if (manager === null) {
      await this.dataSource.transaction((own) => this.entries.append(own, entry));
      return;
    }
    if (!manager.queryRunner?.isTransactionActive) {
      // A programming error: the entry must share the action's transaction (or have its own).
      throw new Error(`Audit entry ${record.action} outside a transaction`);
    }
    await this.entries.append(manager, entry);
  }

  list(
    scope: AuditScope,
    filter: AuditFilter,
    page: number,
    pageSize: number,
  ): Promise<{ items: AuditEntry[]; total: number }> {
    return this.entries.findPage(scope, filter, page, pageSize);
  }

  /** The export, itself an audited action. */
  async exportCsv(scope: AuditScope, filter: AuditFilter): Promise<Readable> {
    await this.record(null, {
      action: AuditAction.ExportAudit,
      targetType: 'export',
      targetId: scope.all ? 'all' : scope.countries.join(' ').slice(0, 64),
    });
    return Readable.from(this.csv(scope, filter));
  }

  /** The rows in scope as CSV (RFC 4180, formula-like cells defused), newest first, in chunks. */
  async *csv(scope: AuditScope, filter: AuditFilter): AsyncGenerator<string> {
    yield 'seq,occurred_at,actor_id,actor_country,action,target_type,target_id,target_country,ip,details,hash\r\n';
    for await (const rows of this.entries.streamInScope(scope, filter)) {
      yield rows
        .map(
          (row) =>
            [
              row.seq,
              row.occurredAt.toISOString(),
              row.actorId ?? '',
              row.actorCountry ?? '',
              row.action,
              row.targetType,
              row.targetId,
              row.targetCountry ?? '',
              row.ip ?? '',
              row.details ?? '',
              row.hash,
            ]
              .map(csvCell)
              .join(',') + '\r\n',
        )
        .join('');
    }
  }

  /**
   * Walks the chain from entry 1: each row must follow the previous one without a gap, name its
   * hash as `prev_hash`, and hash to its own `hash`; the head must name the last row. The first
   * row that fails is reported (an edited row fails its own hash; after a removed row, the next
   * one names a hash that is not its predecessor's).
   */
  async check(): Promise<AuditCheckResult> {
    let previousHash = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    for await (const rows of this.entries.streamChain()) {
      for (const row of rows) {
        const seq = Number(row.seq);
        if (seq !== expectedSeq) {
          return { ok: false, checked, brokenSeq: seq, reason: `entry ${expectedSeq} is missing before entry ${seq}` };
        }
        if (row.prevHash !== previousHash) {
          return {
            ok: false,
            checked,
            brokenSeq: seq,
            reason: 'its previous hash is not the hash of the entry before',
          };
        }
        const hash = chainHash(previousHash, { ...row, seq });
        if (hash !== row.hash) {
          return { ok: false, checked, brokenSeq: seq, reason: 'its content does not match its hash (edited)' };
        }
        previousHash = row.hash;
        expectedSeq++;
        checked++;
      }
    }
    const head = await this.entries.head();
    const lastSeq = expectedSeq - 1;
    if (head && (head.seq !== lastSeq || head.hash !== previousHash)) {
      return {
        ok: false,
        checked,
        brokenSeq: Math.min(head.seq, lastSeq + 1),
        reason: `the chain ends at entry ${lastSeq} but its head names entry ${head.seq} (entries removed)`,
      };
    }
    if (!head && lastSeq > 0) {
      return { ok: false, checked, brokenSeq: lastSeq, reason: 'the chain head is missing' };
    }
    return { ok: true, checked };
  }
}

function csvCell(value: string): string {
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(defused) ? `"${defused.replace(/"/g, '""')}"` : defused;
}
