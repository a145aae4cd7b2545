import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
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
  CreatedDto,
  CreateFolderDto,
  FileDetailView,
  FolderQueryDto,
  GroupFilesService,
  LibraryView,
  VersionQueryDto,
} from '@app/groups';
import { DownloadLinkView } from '@app/storage';
import { ApiErrors, ApiFileResponse } from '../openapi';
import { groupCaller } from './group-caller';
import { receiveFile, sendStoredFile } from './streamed-files';

/** A group's file library. Uploads stream to disk; downloads answer range requests. */
@ApiTags('groups')
@ApiBearerAuth()
@Controller()
export class GroupFilesController {
  constructor(private readonly files: GroupFilesService) {}

  @Get('groups/:id/files')
  @ApiOkResponse({ type: LibraryView, description: 'One folder of the library (default: the top)' })
  @ApiErrors(400, 401, 404)
  library(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: FolderQueryDto,
  ): Promise<LibraryView> {
    return this.files.library(groupCaller(user), id, query.folderId);
  }

  /**
   * Streams the file to disk while hashing it (never whole in memory), within the group's quota.
   * Fields `folderId` (a new file in that folder) or `fileId` (a new version) go before `file`.
   */
  @Post('groups/:id/files')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        folderId: { type: 'string', format: 'uuid' },
        fileId: { type: 'string', format: 'uuid', description: 'Upload a new version of this file' },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiCreatedResponse({ type: FileDetailView })
  @ApiErrors(400, 401, 404, 409, 413)
  async upload(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: FastifyRequest,
  ): Promise<FileDetailView> {
    const caller = groupCaller(user);
    const { tempPath, maxBytes } = await this.files.prepareUpload(caller, id);
    try {
      const received = await receiveFile(request, {
        tempPath,
        maxBytes,
        uuidFields: ['folderId', 'fileId'],
        tooLarge: () =>
          DomainException.tooLarge(
            `The file is larger than the ${maxBytes} bytes this group's library has room for`,
            ErrorCode.GroupQuotaExceeded,
          ),
      });
      return await this.files.commitUpload(caller, id, {
        tempPath,
        fileName: received.fileName,
        sizeBytes: received.sizeBytes,
        sha256: received.sha256,
        folderId: received.fields.folderId,
        fileId: received.fields.fileId,
      });
    } finally {
      await this.files.discardUpload(tempPath);
    }
  }

  @Post('groups/:id/folders')
  @ApiCreatedResponse({ type: CreatedDto })
  @ApiErrors(400, 401, 404, 409)
  createFolder(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateFolderDto,
  ): Promise<CreatedDto> {
    return this.files.createFolder(groupCaller(user), id, body);
  }

  @Delete('groups/:id/folders/:folderId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Moderators remove empty folders' })
  @ApiErrors(400, 401, 403, 404, 409)
  deleteFolder(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('folderId', ParseUUIDPipe) folderId: string,
  ): Promise<void> {
    return this.files.deleteFolder(groupCaller(user), id, folderId);
  }

  @Get('group-files/:id')
  @ApiOkResponse({ type: FileDetailView })
  @ApiErrors(400, 401, 404)
  detail(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<FileDetailView> {
    return this.files.detail(groupCaller(user), id);
  }

  /**
   * The file's bytes, with range requests (recorded sessions seek in the browser). Pictures, PDF,
   * sound and video are shown inline; everything else is an attachment served as octet-stream.
   */
  @Get('group-files/:id/download')
  @ApiFileResponse('application/octet-stream', 'The file, with its own Content-Type (206 for a range)')
  @ApiErrors(400, 401, 404, 416)
  async download(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: VersionQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.files.download(groupCaller(user), id, query.version);
    await sendStoredFile(request, reply, file, () => DomainException.notFound('File', ErrorCode.GroupFileNotFound));
  }

  /**
   * A signed link (a few minutes) to one version, for the browser's own download manager and for
   * `<video src>`: same checks as the download, 404 to non-members.
   */
  @Get('group-files/:id/download-link')
  @Header('Cache-Control', 'private, no-store')
  @ApiOkResponse({ type: DownloadLinkView })
  @ApiErrors(400, 401, 404)
  downloadLink(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: VersionQueryDto,
  ): Promise<DownloadLinkView> {
    return this.files.downloadLink(groupCaller(user), id, query.version);
  }

  @Delete('group-files/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The uploader or a moderator deletes a file with all its versions' })
  @ApiErrors(400, 401, 403, 404, 409)
  remove(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.files.deleteFile(groupCaller(user), id);
  }
}
