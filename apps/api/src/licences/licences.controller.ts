import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import type { FastifyReply } from 'fastify';
import { createReadStream } from 'node:fs';
import { AuthenticatedUser, CountriesService, CurrentUser, Roles, UserRole } from '@app/accounts';
import { DomainException, ErrorCode, IsCalendarDate, Nullable, trimString } from '@app/common';
import { LicenceGrantView, LicenceRecordView, LicenceRevisionView, LicenceService } from '@app/licences';
import { ApiErrors, ApiFileResponse } from '../openapi';

class CreateLicenceDto {
  @ApiProperty({ example: 'KE' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @Matches(/^[A-Z]{2}$/)
  licenseeCountry: string;

  @ApiProperty({ example: 'Kenya Revenue Authority' })
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  licenseeAdministration: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  courseIds: string[];

  @ApiProperty({ type: [String], enum: ['en', 'fr', 'es'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(['en', 'fr', 'es'], { each: true })
  languages: Array<'en' | 'fr' | 'es'>;

  @ApiProperty({ example: '2026-01-01' })
  @IsCalendarDate()
  validFrom: string;

  @ApiProperty({ example: '2027-12-31' })
  @IsCalendarDate()
  validUntil: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    required: false,
    description: 'Learners per course; null or absent: no cap',
  })
  @IsOptional()
  @Nullable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  seatCap?: number | null;

  @ApiProperty()
  @IsBoolean()
  translationAllowed: boolean;
}

const given = (key: string) => (body: Record<string, unknown>) => body[key] !== undefined;

/**
 * A change of a licence's terms: any of them, each checked as when granting (absent: unchanged;
 * `seatCap: null` removes the cap). The licensee cannot change: another licensee is another licence.
 */
class UpdateLicenceDto {
  @ApiProperty({
    required: false,
    description: 'The revision the change is based on; another is a 409 LICENCE_CHANGED',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number;

  @ApiProperty({ type: [String], format: 'uuid', required: false })
  @ValidateIf(given('courseIds'))
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  courseIds?: string[];

  @ApiProperty({ type: [String], enum: ['en', 'fr', 'es'], required: false })
  @ValidateIf(given('languages'))
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(['en', 'fr', 'es'], { each: true })
  languages?: Array<'en' | 'fr' | 'es'>;

  @ApiProperty({ example: '2026-01-01', required: false })
  @ValidateIf(given('validFrom'))
  @IsCalendarDate()
  validFrom?: string;

  @ApiProperty({ example: '2028-12-31', required: false })
  @ValidateIf(given('validUntil'))
  @IsCalendarDate()
  validUntil?: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    required: false,
    description: 'Learners per course; null: no cap; absent: unchanged',
  })
  @IsOptional()
  @Nullable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  seatCap?: number | null;

  @ApiProperty({ required: false })
  @ValidateIf(given('translationAllowed'))
  @IsBoolean()
  translationAllowed?: boolean;
}

class EndLicenceDto {
  @ApiProperty({ required: false, description: 'The revision the end is based on; another is a 409 LICENCE_CHANGED' })
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number;
}

/** Hub side: the Secretariat grants licences and downloads their signed bundles. */
@ApiTags('licences')
@ApiBearerAuth()
@Roles(UserRole.Admin)
@Controller('licences')
export class LicencesController {
  constructor(
    private readonly licences: LicenceService,
    private readonly countries: CountriesService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: LicenceRecordView, description: 'The licence as stored (its id first)' })
  @ApiErrors(400, 401, 403)
  async create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateLicenceDto): Promise<LicenceRecordView> {
    const country: string = body.licenseeCountry;
    if (!this.countries.isValid(body.licenseeCountry)) {
      throw DomainException.badRequest(`Unknown country code: ${country}`, ErrorCode.InvalidCountry);
    }
    return this.licences.create(user.id, { ...body, seatCap: body.seatCap ?? null });
  }

  @Get()
  @ApiOkResponse({
    type: [LicenceGrantView],
    description: "Every licence granted, newest first, with its courses' titles and latest change",
  })
  @ApiErrors(401, 403)
  list(): Promise<LicenceGrantView[]> {
    return this.licences.listViews();
  }

  @Get(':id')
  @ApiOkResponse({ type: LicenceGrantView, description: "One licence, with its courses' titles and latest change" })
  @ApiErrors(400, 401, 403, 404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<LicenceGrantView> {
    return this.licences.getView(id);
  }

  /** Changes the terms: a new revision, which the next bundle carries. */
  @Patch(':id')
  @ApiOkResponse({ type: LicenceGrantView, description: 'The licence as changed' })
  @ApiErrors(400, 401, 403, 404, 409)
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateLicenceDto,
  ): Promise<LicenceGrantView> {
    return this.licences.update(user.id, id, body);
  }

  /** Ends the licence early: its last day becomes yesterday (a new revision). */
  @Post(':id/end')
  @HttpCode(200)
  @ApiOkResponse({ type: LicenceGrantView, description: 'The licence as ended' })
  @ApiErrors(400, 401, 403, 404, 409)
  end(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: EndLicenceDto,
  ): Promise<LicenceGrantView> {
    return this.licences.end(user.id, id, body.revision);
  }

  /** Every revision: who made it, when, and the terms it set (newest first). */
  @Get(':id/changes')
  @ApiOkResponse({ type: [LicenceRevisionView], description: 'The licence’s revisions, newest first' })
  @ApiErrors(400, 401, 403, 404)
  changes(@Param('id', ParseUUIDPipe) id: string): Promise<LicenceRevisionView[]> {
    return this.licences.history(id);
  }

  /** The signed bundle (docs/licence-bundle.md), built for this download. */
  @Get(':id/bundle')
  @ApiFileResponse('application/zip', 'The signed bundle')
  @ApiErrors(400, 401, 403, 404, 409)
  async bundle(@Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    const bundle = await this.licences.buildBundle(id);
    const stream = createReadStream(bundle.file);
    stream.once('close', () => void bundle.cleanUp());
    await reply
      .header('Content-Type', 'application/zip')
      .header('Content-Disposition', `attachment; filename="${bundle.fileName}"`) // our own ASCII name
      .header('Cache-Control', 'no-store')
      .send(stream);
  }
}
