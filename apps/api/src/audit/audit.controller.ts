import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, UserRole } from '@app/accounts';
import { AuditEntryView, AuditFilterDto, AuditPage, AuditQueryDto, AuditScope, AuditService } from '@app/audit';
import { ApiErrors, ApiFileResponse } from '../openapi';

/**
 * The audit trail (docs/audit.md): the Secretariat reads every entry; a coordinator the entries
 * whose actor or target is in the countries of their appointments (enforced in the query).
 */
@ApiTags('audit')
@ApiBearerAuth()
@Roles(UserRole.Admin, 'coordinator')
@Controller('admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOkResponse({ type: AuditPage, description: 'Entries newest first' })
  @ApiErrors(400, 401, 403)
  async list(@CurrentUser() caller: AuthenticatedUser, @Query() query: AuditQueryDto): Promise<AuditPage> {
    const { items, total } = await this.audit.list(scopeOf(caller), query, query.page, query.pageSize);
    return { items: items.map((entry) => AuditEntryView.of(entry)), total };
  }

  @Get('export.csv')
  @ApiFileResponse('text/csv', 'The entries in scope for these filters as CSV, newest first')
  @ApiErrors(400, 401, 403)
  async export(@CurrentUser() caller: AuthenticatedUser, @Query() query: AuditFilterDto): Promise<StreamableFile> {
    return new StreamableFile(await this.audit.exportCsv(scopeOf(caller), query), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="audit.csv"',
    });
  }
}

function scopeOf(caller: AuthenticatedUser): AuditScope {
  return caller.roles.includes(UserRole.Admin) ? { all: true } : { all: false, countries: caller.coordinatorCountries };
}
