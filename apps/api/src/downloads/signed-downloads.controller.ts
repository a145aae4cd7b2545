import { Controller, Get, Param, ParseUUIDPipe, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@app/accounts';
import { DomainException, ErrorCode } from '@app/common';
import { CurriculaService } from '@app/curricula';
import { GroupFilesService } from '@app/groups';
import { sendStoredFile } from '../groups/streamed-files';
import { ApiErrors, ApiFileResponse } from '../openapi';

/**
 * What the signed links of `…/download-link` open, without an Authorization header (the browser's
 * download manager, `<video src>`): the same streaming as the bearer downloads (ranges, ETag,
 * disposition). A bad, expired or other file's token is a 404, exactly like a missing file.
 */
@ApiTags('downloads')
@Public()
@Controller()
export class SignedDownloadsController {
  constructor(
    private readonly groupFiles: GroupFilesService,
    private readonly curricula: CurriculaService,
  ) {}

  /** One group file version; the link's user must still be a member of the group. */
  @Get('group-files/:id/download/:token')
  @ApiFileResponse('application/octet-stream', 'The file, with its own Content-Type (206 for a range)')
  @ApiErrors(400, 404, 416)
  async groupFile(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.groupFiles.signedDownload(id, token);
    reply.header('Referrer-Policy', 'no-referrer');
    await sendStoredFile(request, reply, file, () => DomainException.notFound('File', ErrorCode.GroupFileNotFound));
  }

  @Get('curriculum-files/:id/download/:token')
  @ApiFileResponse('application/octet-stream', 'The file, with its own Content-Type (206 for a range)')
  @ApiErrors(400, 404, 416)
  async curriculumFile(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.curricula.signedDownload(id, token);
    reply.header('Referrer-Policy', 'no-referrer');
    await sendStoredFile(request, reply, file, () =>
      DomainException.notFound('File', ErrorCode.CurriculumFileNotFound),
    );
  }
}
