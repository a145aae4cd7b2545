import send from '@fastify/send';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
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
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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
import { ApiErrors } from '../openapi';
import { groupCaller } from './group-caller';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

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
    if (!request.isMultipart()) {
      throw new DomainException(ErrorCode.UnsupportedMediaType, 415, 'Send the file as multipart/form-data');
    }
    const caller = groupCaller(user);
    const { tempPath, maxBytes } = await this.files.prepareUpload(caller, id);
    const fields: Record<string, string> = {};
    let received: { fileName: string; sizeBytes: number; sha256: string } | undefined;
    try {
      for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 4, fieldSize: 100 } })) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file' || received) {
            throw DomainException.badRequest('Send one file, in the field "file"', ErrorCode.ValidationFailed);
          }
          const hash = createHash('sha256');
          let size = 0;
          const meter = new Transform({
            transform(chunk: Buffer, _encoding, callback) {
              hash.update(chunk);
              size += chunk.length;
              callback(null, chunk);
            },
          });
          await pipeline(part.file, meter, createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }));
          if (part.file.truncated) {
            throw new DomainException(
              ErrorCode.GroupQuotaExceeded,
              413,
              `The file is larger than the ${maxBytes} bytes this group's library has room for`,
            );
          }
          received = { fileName: part.filename || 'file', sizeBytes: size, sha256: hash.digest('hex') };
        } else {
          fields[part.fieldname] = String(part.value);
        }
      }
      if (!received) {
        throw DomainException.badRequest('The field "file" is missing', ErrorCode.ValidationFailed);
      }
      const unknown = Object.keys(fields).filter((name) => name !== 'folderId' && name !== 'fileId');
      if (unknown.length > 0) {
        throw DomainException.badRequest(`Unknown field(s): ${unknown.join(', ')}`, ErrorCode.ValidationFailed);
      }
      for (const name of ['folderId', 'fileId']) {
        if (fields[name] !== undefined && !UUID.test(fields[name])) {
          throw DomainException.badRequest(`${name} must be a UUID`, ErrorCode.ValidationFailed);
        }
      }
      return await this.files.commitUpload(caller, id, {
        tempPath,
        ...received,
        folderId: fields.folderId,
        fileId: fields.fileId,
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
  @ApiOkResponse({ description: 'The file (206 for a range)' })
  @ApiErrors(400, 401, 404, 416)
  async download(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: VersionQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.files.download(groupCaller(user), id, query.version);
    const result = await send(request.raw, `/${path.basename(file.localPath)}`, {
      root: path.dirname(file.localPath),
      index: false,
      dotfiles: 'deny',
      cacheControl: false,
      acceptRanges: true,
      etag: true,
      lastModified: true,
    });
    if (result.type !== 'file') {
      result.stream.destroy();
      if (result.statusCode === 416) {
        throw new DomainException(ErrorCode.BadRequest, 416, 'Range Not Satisfiable');
      }
      if (result.statusCode === 304 || result.statusCode === 412) {
        void reply.code(result.statusCode).headers(result.headers).send();
        return;
      }
      throw DomainException.notFound('File', ErrorCode.GroupFileNotFound);
    }
    const { 'Content-Type': _sendType, ...headers } = result.headers;
    void reply
      .code(result.statusCode)
      .headers(headers)
      .header('Content-Type', file.contentType)
      .header('Content-Disposition', file.disposition)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'private, no-cache');
    await reply.send(result.stream);
  }

  @Delete('group-files/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The uploader or a moderator deletes a file with all its versions' })
  @ApiErrors(400, 401, 403, 404, 409)
  remove(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.files.deleteFile(groupCaller(user), id);
  }
}
