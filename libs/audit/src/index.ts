export * from './audit-action';
export * from './audit-chain';
export * from './audit-context';
export * from './audit.dto';
export * from './audit.module';
export * from './audit.service';
export type { AuditFilter, AuditScope } from './audit.repository';
export { AUDIT_ENTITIES, AuditEntry } from './entities';
