import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AccountsService, AuthenticatedUser, CurrentUser, MeDto } from '@app/accounts';
import { DomainException } from '@app/common';
import { ApiErrors } from '../openapi';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOkResponse({ type: MeDto })
  @ApiErrors(401)
  async me(@CurrentUser() caller: AuthenticatedUser): Promise<MeDto> {
    const user = await this.accounts.findById(caller.id);
    if (!user) {
      throw DomainException.unauthorized();
    }
    return { ...caller, status: user.status };
  }
}
