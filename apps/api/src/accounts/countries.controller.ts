import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import {
  AuthenticatedUser,
  AutoApproveDomainsDto,
  CoordinatorService,
  CountriesService,
  CurrentUser,
  LanguageQueryDto,
  Public,
  Roles,
  UserRole,
} from '@app/accounts';
import { ApiErrors } from '../openapi';
import { CountryCodePipe } from './country-code.pipe';

class CountryDto {
  @ApiProperty({ example: 'KE' }) code: string;
  @ApiProperty({ example: 'Kenya' }) name: string;
}

class DomainsDto {
  @ApiProperty({ type: [String] }) domains: string[];
}

@ApiTags('countries')
@Controller('countries')
export class CountriesController {
  constructor(
    private readonly countries: CountriesService,
    private readonly coordinators: CoordinatorService,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: [CountryDto], description: 'ISO 3166-1 countries, named and sorted in the language asked' })
  @ApiErrors(400)
  list(@Query() query: LanguageQueryDto): CountryDto[] {
    return this.countries.list(query.lang);
  }

  @ApiBearerAuth()
  @Roles('coordinator', UserRole.Admin)
  @Get(':code/auto-approve-domains')
  @ApiOkResponse({ type: DomainsDto })
  @ApiErrors(401, 403, 404)
  async domains(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('code', CountryCodePipe) code: string,
  ): Promise<DomainsDto> {
    return { domains: await this.coordinators.autoApproveDomains(caller, code) };
  }

  @ApiBearerAuth()
  @Roles('coordinator', UserRole.Admin)
  @Put(':code/auto-approve-domains')
  @ApiOkResponse({ type: DomainsDto })
  @ApiErrors(400, 401, 403, 404)
  async setDomains(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('code', CountryCodePipe) code: string,
    @Body() body: AutoApproveDomainsDto,
  ): Promise<DomainsDto> {
    return { domains: await this.coordinators.setAutoApproveDomains(caller, code, body.domains) };
  }
}
