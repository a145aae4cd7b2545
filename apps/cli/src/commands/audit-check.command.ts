import { AuditService } from '@app/audit';
import { CliError } from '../cli-error';
import { withContext } from '../context';

/**
 * `audit-check`: walks the audit trail's hash chain (docs/audit.md). Exits 1 naming the first
 * broken entry when a row was edited or removed; prints how many entries were checked otherwise.
 */
export async function auditCheck(): Promise<string> {
  return withContext(async (app) => {
    const result = await app.get(AuditService).check();
    if (!result.ok) {
      throw new CliError(
        `Audit trail broken at entry ${result.brokenSeq}: ${result.reason} (${result.checked} entries before it are intact)`,
        1,
      );
    }
    return `Audit trail intact: ${result.checked} entries`;
  });
}
