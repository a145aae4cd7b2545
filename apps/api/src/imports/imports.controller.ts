import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthenticatedUser, CurrentUser, OFFICER_CSV_LIMITS, Roles, UserRole } from '@app/accounts';
import { DomainException, ErrorCode } from '@app/common';
import {
  ImportJob,
  ImportJobPage,
  ImportJobQueryDto,
  ImportJobView,
  ImportRequester,
  ImportsService,
  JobAcceptedView,
  sourcePackageOf,
} from '@app/imports';
import { ApiErrors } from '../openapi';
import { isZip, receiveUpload } from './upload';

export const MAX_PACKAGE_BYTES = 1024 ** 3;
export const MAX_BUNDLE_BYTES = 8 * 1024 ** 3;
const MAX_OFFICER_CSV_BYTES = OFFICER_CSV_LIMITS.maxBytes;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

function importJobView(job: ImportJob): ImportJobView {
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    progress: job.progress,
    result: job.result,
    error: job.error,
    errorCode: job.errorCode,
    fileName: job.fileName,
    sourcePackageId: sourcePackageOf(job),
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

function requester(user: AuthenticatedUser): ImportRequester {
  return { id: user.id, isAdmin: user.roles.includes(UserRole.Admin) };
}

@ApiTags('imports')
@ApiBearerAuth()
@Controller()
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /**
   * Streams the upload to disk (never whole in memory; at most 1 GiB), then queues its import.
   * Fields: `file` (the zip), `language` (en|fr|es), `courseId` (optional: add a version).
   */
  /** Admins upload to any course; RTC staff upload their own material (new courses, or courses they made). */
  @Roles(UserRole.Admin, UserRole.RtcStaff)
  @Post('courses/packages')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'language'],
      properties: {
        file: { type: 'string', format: 'binary' },
        language: { type: 'string', enum: ['en', 'fr', 'es'] },
        courseId: { type: 'string', format: 'uuid' },
      },
    },
  })
  @ApiAcceptedResponse({ type: JobAcceptedView })
  @ApiErrors(400, 401, 403, 404, 413)
  async upload(@CurrentUser() user: AuthenticatedUser, @Req() request: FastifyRequest): Promise<JobAcceptedView> {
    const { jobId, uploadPath } = await this.imports.reserveUpload();
    try {
      const { fileName, fields } = await receiveUpload(request, uploadPath, {
        maxBytes: MAX_PACKAGE_BYTES,
        allowedFields: ['language', 'courseId'],
        what: 'package',
      });
      const language = fields.language;
      if (language !== 'en' && language !== 'fr' && language !== 'es') {
        throw DomainException.badRequest('language must be one of en, fr, es', ErrorCode.ValidationFailed);
      }
      const courseId = fields.courseId || undefined;
      if (courseId !== undefined && !UUID.test(courseId)) {
        throw DomainException.badRequest('courseId must be a UUID', ErrorCode.ValidationFailed);
      }
      return {
        jobId: await this.imports.queuePackageImport(requester(user), {
          jobId,
          uploadPath,
          fileName,
          courseId,
          language,
        }),
      };
    } catch (error) {
      await this.imports.discardUpload(uploadPath);
      throw error;
    }
  }

  /**
   * A national server imports a licence bundle from a hub: streamed to disk (at most 8 GiB), then
   * an `imports` job checks its signature and licence and imports its courses. The same bundle
   * uploaded again answers the same job.
   */
  @Roles(UserRole.Admin)
  @Post('imports/licence')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiAcceptedResponse({ type: JobAcceptedView })
  @ApiErrors(400, 401, 403, 413, 415, 503)
  async importLicence(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
  ): Promise<JobAcceptedView> {
    const { uploadPath } = await this.imports.reserveUpload();
    try {
      const { fileName, sha256 } = await receiveUpload(request, uploadPath, {
        maxBytes: MAX_BUNDLE_BYTES,
        allowedFields: [],
        what: 'licence bundle',
      });
      return {
        jobId: await this.imports.queueLicenceImport(requester(user), { uploadPath, fileName, bundleSha256: sha256 }),
      };
    } catch (error) {
      await this.imports.discardUpload(uploadPath);
      throw error;
    }
  }

  /**
   * A translation, as an `imports`-style job: an XLIFF file (2.0 or 1.2) of a course's texts, which
   * names its course and languages; or a translated SCORM package (a zip) with `courseId`,
   * `language` and `sourcePackageId` (the package of the same course it was translated from).
   */
  @Roles(UserRole.Admin)
  @Post('imports/translation')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary' },
        courseId: { type: 'string', format: 'uuid' },
        language: { type: 'string', enum: ['en', 'fr', 'es'] },
        sourcePackageId: { type: 'string', format: 'uuid' },
      },
    },
  })
  @ApiAcceptedResponse({ type: JobAcceptedView })
  @ApiErrors(400, 401, 403, 404, 413, 415, 503)
  async importTranslation(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
  ): Promise<JobAcceptedView> {
    const { jobId, uploadPath } = await this.imports.reserveUpload();
    try {
      const { fileName, fields } = await receiveUpload(request, uploadPath, {
        maxBytes: MAX_PACKAGE_BYTES,
        allowedFields: ['courseId', 'language', 'sourcePackageId'],
        what: 'translation',
      });
      if (!(await isZip(uploadPath))) {
        if (Object.keys(fields).length > 0) {
          throw DomainException.badRequest(
            'An XLIFF file names its course and languages itself: send it alone',
            ErrorCode.ValidationFailed,
          );
        }
        return { jobId: await this.imports.queueXliffImport(requester(user), { jobId, uploadPath, fileName }) };
      }
      const { courseId, language, sourcePackageId } = fields;
      if (!courseId || !UUID.test(courseId) || !sourcePackageId || !UUID.test(sourcePackageId)) {
        throw DomainException.badRequest(
          'A translated package needs courseId and sourcePackageId (UUIDs)',
          ErrorCode.ValidationFailed,
        );
      }
      if (language !== 'en' && language !== 'fr' && language !== 'es') {
        throw DomainException.badRequest('language must be one of en, fr, es', ErrorCode.ValidationFailed);
      }
      return {
        jobId: await this.imports.queuePackageImport(requester(user), {
          jobId,
          uploadPath,
          fileName,
          courseId,
          language,
          sourcePackageId,
        }),
      };
    } catch (error) {
      await this.imports.discardUpload(uploadPath);
      throw error;
    }
  }

  /**
   * Bulk onboarding (docs/people.md): a CSV of officers (e-mail, name, job title; at most 2 MiB and
   * 10,000 rows) becomes approved accounts of the country, each mailed a link to choose a
   * password. Coordinators onboard into their own country; admins name it (`country`). The row
   * report is the job's result at `GET /api/import-jobs/:id`.
   */
  @Roles('coordinator', UserRole.Admin)
  @Post('registrations/import')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary' },
        country: { type: 'string', pattern: '^[A-Z]{2}$' },
      },
    },
  })
  @ApiAcceptedResponse({ type: JobAcceptedView })
  @ApiErrors(400, 401, 403, 413, 415, 503)
  async importOfficers(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
  ): Promise<JobAcceptedView> {
    const { jobId, uploadPath } = await this.imports.reserveUpload();
    try {
      const { fileName, fields } = await receiveUpload(request, uploadPath, {
        maxBytes: MAX_OFFICER_CSV_BYTES,
        allowedFields: ['country'],
        what: 'officer list',
      });
      return {
        jobId: await this.imports.queueOfficerImport(user, { jobId, uploadPath, fileName, country: fields.country }),
      };
    } catch (error) {
      await this.imports.discardUpload(uploadPath);
      throw error;
    }
  }

  @Get('import-jobs')
  @ApiOkResponse({ type: ImportJobPage, description: 'The caller’s imports (admins: all), newest first' })
  @ApiErrors(400, 401)
  async history(@CurrentUser() user: AuthenticatedUser, @Query() query: ImportJobQueryDto): Promise<ImportJobPage> {
    const { items, total } = await this.imports.history(requester(user), query.page, query.pageSize, query.state);
    return { items: items.map(importJobView), total };
  }

  @Get('import-jobs/:id')
  @ApiOkResponse({ type: ImportJobView })
  @ApiErrors(400, 401, 404)
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<ImportJobView> {
    return importJobView(await this.imports.get(requester(user), id));
  }
}
