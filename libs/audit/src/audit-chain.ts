import { createHash } from 'node:crypto';

/** The hash a chain starts from: the `prev_hash` of entry 1. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an entry that its hash covers, in their stored form. */
export interface ChainedFields {
  seq: number;
  occurredAt: Date;
  actorId: string | null;
  actorCountry: string | null;
  action: string;
  targetType: string;
  targetId: string;
  targetCountry: string | null;
  ip: string | null;
  details: string | null;
}

/** One canonical text per entry: a JSON array in a fixed order (no key-order or spacing doubts). */
export function canonicalEntry(fields: ChainedFields): string {
  return JSON.stringify([
    fields.seq,
    fields.occurredAt.toISOString(),
    fields.actorId,
    fields.actorCountry,
    fields.action,
    fields.targetType,
    fields.targetId,
    fields.targetCountry,
    fields.ip,
    fields.details,
  ]);
}

/** SHA-256 (hex) over the previous entry's hash, a newline and this entry's canonical text. */
export function chainHash(previousHash: string, fields: ChainedFields): string {
  return createHash('sha256').update(previousHash).update('\n').update(canonicalEntry(fields)).digest('hex');
}

/** Details as stored: JSON with sorted keys, or null when there are none. */
export function canonicalDetails(details: Record<string, string | number | boolean | null> | undefined): string | null {
  if (!details || Object.keys(details).length === 0) {
    return null;
  }
  const sorted = Object.fromEntries(Object.entries(details).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify(sorted);
}
