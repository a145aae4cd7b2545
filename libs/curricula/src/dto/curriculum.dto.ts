import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { SafeText, trimString, Nullable } from '@app/common';
import { CURRICULUM_LANGUAGES, CurriculumLanguage } from '../entities/curriculum.entity';

const upper = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

export class CreateCurriculumDto {
  @ApiProperty({ maxLength: 300 })
  @Transform(trimString)
  @SafeText()
  @IsString()
  @Length(1, 300)
  title: string;

  @ApiProperty({ example: 'KE', description: 'ISO 3166-1 alpha-2' })
  @Transform(upper)
  @Matches(/^[A-Z]{2}$/)
  country: string;

  @ApiPropertyOptional({
    maxLength: 200,
    example: 'RTC Nairobi',
    description: 'The sharing centre by name; required unless rtcId names an RTC from the list',
  })
  @ValidateIf((body: CreateCurriculumDto) => body.rtcId === undefined || body.rtc !== undefined)
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  rtc?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An RTC from GET /api/rtcs; its staff may edit' })
  @IsOptional()
  @IsUUID()
  rtcId?: string;

  @ApiProperty({ enum: CURRICULUM_LANGUAGES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CURRICULUM_LANGUAGES.length)
  @ArrayUnique()
  @IsIn(CURRICULUM_LANGUAGES, { each: true })
  languages: CurriculumLanguage[];

  @ApiProperty({ type: [String], example: ['customs-valuation'], description: 'Catalogue topic codes' })
  @IsArray()
  @ArrayMaxSize(14)
  @ArrayUnique()
  @Matches(/^[a-z0-9-]{1,40}$/, { each: true })
  topics: string[];

  @ApiProperty({ maxLength: 20000, description: 'Plain text' })
  @IsString()
  @MaxLength(20000)
  summary: string;
}

export class UpdateCurriculumDto {
  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @Transform(trimString)
  @SafeText()
  @IsString()
  @Length(1, 300)
  title?: string;

  @ApiPropertyOptional({ example: 'KE' })
  @IsOptional()
  @Transform(upper)
  @Matches(/^[A-Z]{2}$/)
  country?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  rtc?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'An RTC from GET /api/rtcs; null: none',
  })
  @Nullable()
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsUUID()
  rtcId?: string | null;

  @ApiPropertyOptional({ enum: CURRICULUM_LANGUAGES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CURRICULUM_LANGUAGES.length)
  @ArrayUnique()
  @IsIn(CURRICULUM_LANGUAGES, { each: true })
  languages?: CurriculumLanguage[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(14)
  @ArrayUnique()
  @Matches(/^[a-z0-9-]{1,40}$/, { each: true })
  topics?: string[];

  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  summary?: string;
}

export class CurriculumQueryDto {
  @ApiPropertyOptional({ description: 'Words of the title or summary' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ example: 'KE' })
  @IsOptional()
  @Transform(upper)
  @Matches(/^[A-Z]{2}$/)
  country?: string;

  @ApiPropertyOptional({ enum: CURRICULUM_LANGUAGES })
  @IsOptional()
  @IsIn(CURRICULUM_LANGUAGES)
  lang?: CurriculumLanguage;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,40}$/)
  topic?: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  page: number = 1;

  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize: number = 20;
}

export class CurriculumFileView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() contentType: string;
  @ApiProperty() createdAt: string;
}

export class CurriculumView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() country: string;
  @ApiProperty() rtc: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) rtcId: string | null;
  @ApiProperty({ enum: CURRICULUM_LANGUAGES, isArray: true }) languages: CurriculumLanguage[];
  @ApiProperty({ type: [String] }) topics: string[];
  @ApiProperty({ description: 'Plain text' }) summary: string;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty() ownerName: string;
  @ApiProperty() canEdit: boolean;
  @ApiProperty({ type: [CurriculumFileView] }) files: CurriculumFileView[];
  @ApiProperty() updatedAt: string;
}

export class CurriculumPage {
  @ApiProperty({ type: [CurriculumView] }) items: CurriculumView[];
  @ApiProperty() total: number;
}

export class ContactPointDto {
  @ApiProperty({ example: 'KE' })
  @Transform(upper)
  @Matches(/^[A-Z]{2}$/)
  country: string;

  @ApiProperty({ maxLength: 200 })
  @Transform(trimString)
  @SafeText()
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(200)
  roleTitle?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(200)
  organisation?: string;

  @ApiProperty({ format: 'email' })
  @Transform(trimString)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ maxLength: 50 })
  @IsOptional()
  @Transform(trimString)
  @Matches(/^[0-9+()./ -]{0,50}$/)
  phone?: string;
}

export class ContactPointQueryDto {
  @ApiPropertyOptional({ example: 'KE' })
  @IsOptional()
  @Transform(upper)
  @Matches(/^[A-Z]{2}$/)
  country?: string;
}

export class ContactPointView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() country: string;
  @ApiProperty() name: string;
  @ApiProperty() roleTitle: string;
  @ApiProperty() organisation: string;
  @ApiProperty() email: string;
  @ApiProperty() phone: string;
  @ApiProperty() canEdit: boolean;
  @ApiProperty() updatedAt: string;
}
