import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticatedUser, CurrentUser } from '@app/accounts';
import { DomainException, ErrorCode } from '@app/common';
import {
  CreateCurriculumDto,
  CurriculaService,
  CurriculumQueryDto,
  CurriculumPage,
  CurriculumView,
  MAX_CURRICULUM_FILE_BYTES,
  UpdateCurriculumDto,
} from '@app/curricula';
import { DownloadLinkView } from '@app/storage';
import { receiveFile, sendStoredFile } from '../groups/streamed-files';
import { ApiErrors, ApiFileResponse } from '../openapi';
import { curriculaCaller } from './curricula-caller';

/** Training curricula shared by RTCs and national training centres; every active user browses them. */
@ApiTags('curricula')
@ApiBearerAuth()
@Controller()
export class CurriculaController {
  constructor(private readonly curricula: CurriculaService) {}

  @Get('curricula')
  @ApiOkResponse({ type: CurriculumPage, description: 'Most recently updated first' })
  @ApiErrors(400, 401)
  search(@CurrentUser() user: AuthenticatedUser, @Query() query: CurriculumQueryDto): Promise<CurriculumPage> {
    return this.curricula.search(curriculaCaller(user), query);
  }

  @Post('curricula')
  @ApiCreatedResponse({ type: CurriculumView, description: 'RTC staff, coordinators and admins' })
  @ApiErrors(400, 401, 403)
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateCurriculumDto): Promise<CurriculumView> {
    return this.curricula.create(curriculaCaller(user), body);
  }

  @Get('curricula/:id')
  @ApiOkResponse({ type: CurriculumView })
  @ApiErrors(400, 401, 404)
  get(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<CurriculumView> {
    return this.curricula.get(curriculaCaller(user), id);
  }

  @Patch('curricula/:id')
  @ApiOkResponse({ type: CurriculumView, description: 'The owner or an admin' })
  @ApiErrors(400, 401, 403, 404)
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateCurriculumDto,
  ): Promise<CurriculumView> {
    return this.curricula.update(curriculaCaller(user), id, body);
  }

  @Delete('curricula/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 403, 404)
  remove(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.curricula.remove(curriculaCaller(user), id);
  }

  @Post('curricula/:id/files')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiCreatedResponse({ type: CurriculumView })
  @ApiErrors(400, 401, 403, 404, 413)
  async upload(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
  ): Promise<CurriculumView> {
    const caller = curriculaCaller(user);
    const { tempPath, maxBytes } = await this.curricula.prepareUpload(caller, id);
    try {
      const received = await receiveFile(request, {
        tempPath,
        maxBytes,
        uuidFields: [],
        tooLarge: () =>
          DomainException.tooLarge(`A curriculum file may have at most ${MAX_CURRICULUM_FILE_BYTES} bytes`),
      });
      return await this.curricula.addFile(caller, id, { tempPath, ...received });
    } finally {
      await this.curricula.discardUpload(tempPath);
    }
  }

  @Get('curriculum-files/:id/download')
  @ApiFileResponse('application/octet-stream', 'The file, with its own Content-Type (206 for a range)')
  @ApiErrors(400, 401, 404, 416)
  async download(
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.curricula.download(id);
    await sendStoredFile(request, reply, file, () =>
      DomainException.notFound('File', ErrorCode.CurriculumFileNotFound),
    );
  }

  /** A signed link (a few minutes) to a curriculum file, for the browser's own download manager. */
  @Get('curriculum-files/:id/download-link')
  @Header('Cache-Control', 'private, no-store')
  @ApiOkResponse({ type: DownloadLinkView })
  @ApiErrors(400, 401, 404)
  downloadLink(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<DownloadLinkView> {
    return this.curricula.downloadLink(curriculaCaller(user), id);
  }

  @Delete('curriculum-files/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 403, 404)
  removeFile(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.curricula.deleteFile(curriculaCaller(user), id);
  }
}
