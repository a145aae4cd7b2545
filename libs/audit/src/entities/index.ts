import { AuditChainHead } from './audit-chain-head.entity';
import { AuditEntry } from './audit-entry.entity';

/** The audit context's tables. */
export const AUDIT_ENTITIES = [AuditEntry, AuditChainHead];

export { AuditChainHead, AuditEntry };
