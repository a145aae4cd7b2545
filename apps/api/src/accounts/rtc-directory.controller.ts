import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RtcService, RtcView } from '@app/accounts';
import { ApiErrors } from '../openapi';

/** The list of RTCs every signed-in person may read, e.g. to name one on a curriculum. */
@ApiTags('rtcs')
@ApiBearerAuth()
@Controller('rtcs')
export class RtcDirectoryController {
  constructor(private readonly rtcs: RtcService) {}

  @Get()
  @ApiOkResponse({ type: [RtcView] })
  @ApiErrors(401)
  async list(): Promise<RtcView[]> {
    return (await this.rtcs.list()).map((rtc) => RtcView.of(rtc));
  }
}
