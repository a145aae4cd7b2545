import { Controller, Get, Header, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles, UserRole } from '@app/accounts';
import { CatalogueService, exportXliff, StaleTranslationView } from '@app/catalogue';
import { DomainException, ErrorCode } from '@app/common';
import { ApiErrors, ApiFileResponse } from '../openapi';

class XliffQueryDto {
  @ApiProperty({ enum: ['en', 'fr', 'es'], enumName: 'CourseLanguage' })
  @IsIn(['en', 'fr', 'es'])
  source: 'en' | 'fr' | 'es';

  @ApiProperty({ enum: ['en', 'fr', 'es'], enumName: 'CourseLanguage' })
  @IsIn(['en', 'fr', 'es'])
  target: 'en' | 'fr' | 'es';
}

/** Translations of catalogue texts: XLIFF out for translators, and what has gone stale since. */
@ApiTags('imports')
@ApiBearerAuth()
@Roles(UserRole.Admin)
@Controller()
export class TranslationsController {
  constructor(private readonly catalogue: CatalogueService) {}

  /** A course's texts as XLIFF 2.0 (`source` → `target`), to translate and import again. */
  @Get('courses/:id/xliff')
  @ApiFileResponse('application/xliff+xml', 'The texts as XLIFF 2.0')
  @ApiErrors(400, 401, 403, 404)
  async xliff(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: XliffQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (query.source === query.target) {
      throw DomainException.badRequest('source and target must differ', ErrorCode.ValidationFailed);
    }
    const texts = await this.catalogue.textsForTranslation(id, query.source, query.target);
    await reply
      .header('Content-Type', 'application/xliff+xml; charset=utf-8')
      .header(
        'Content-Disposition',
        `attachment; filename="course-${id.slice(0, 8)}-${query.source}-${query.target}.xlf"`,
      )
      .header('Cache-Control', 'no-store')
      .send(exportXliff(id, query.source, query.target, texts.source, texts.target ?? undefined));
  }

  /** Translations whose source has changed since they were made: re-translate and import them again. */
  @Get('translations/stale')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({
    type: [StaleTranslationView],
    description: 'Texts and packages whose source changed since they were translated',
  })
  @ApiErrors(401, 403)
  stale(): Promise<StaleTranslationView[]> {
    return this.catalogue.staleTranslations();
  }
}
