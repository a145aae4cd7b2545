import { Controller, Get, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@app/accounts';
import { PersonalDataService } from '@app/privacy';
import { ApiErrors, ApiFileResponse } from '../openapi';

/** A person's own data, on request (docs/privacy.md). */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class PersonalDataController {
  constructor(private readonly personalData: PersonalDataService) {}

  @Get('export')
  @ApiFileResponse('application/zip', 'Your data as JSON files in a zip')
  @ApiErrors(401)
  async export(@CurrentUser() caller: AuthenticatedUser): Promise<StreamableFile> {
    const { stream, fileName } = await this.personalData.exportZip(caller.id);
    return new StreamableFile(stream, {
      type: 'application/zip',
      disposition: `attachment; filename="${fileName}"`,
    });
  }
}
