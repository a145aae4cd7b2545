import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsDecimalNumber, trimString } from '@app/common';
import { CourseStatus } from '../entities/course.entity';

const LANGS = ['en', 'fr', 'es'] as const;

export class CourseTextDto {
  @ApiProperty({ enum: LANGS })
  @IsIn(LANGS)
  language: 'en' | 'fr' | 'es';

  @ApiProperty({ maxLength: 300 })
  @Transform(trimString)
  @IsString()
  @Length(1, 300)
  title: string;

  @ApiProperty({ maxLength: 20000 })
  @IsString()
  @MaxLength(20000)
  description: string;
}

export class CreateCourseDto {
  @ApiProperty({ example: 'customs-valuation' })
  @Matches(/^[a-z0-9-]{1,40}$/)
  topic: string;

  @ApiPropertyOptional({ example: 6 })
  @IsOptional()
  @IsDecimalNumber(1)
  @Min(0)
  @Max(9999)
  estimatedHours?: number;

  @ApiProperty({ type: [CourseTextDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => CourseTextDto)
  texts: CourseTextDto[];
}

export class UpdateCourseDto {
  @ApiPropertyOptional({ enum: CourseStatus })
  @IsOptional()
  @IsIn(Object.values(CourseStatus))
  status?: CourseStatus;

  @ApiPropertyOptional({ description: 'Title in `language` (default en)' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, 300)
  title?: string;

  @ApiPropertyOptional({ description: 'Description in `language` (default en)' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ enum: LANGS, default: 'en' })
  @IsOptional()
  @IsIn(LANGS)
  language?: 'en' | 'fr' | 'es';

  @ApiPropertyOptional({ example: 'rules-of-origin' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,40}$/)
  topic?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDecimalNumber(1)
  @Min(0)
  @Max(9999)
  estimatedHours?: number;
}

export class CourseQueryDto {
  @ApiPropertyOptional({ description: 'Full-text search in titles and descriptions, every language' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ example: 'harmonized-system' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,40}$/)
  topic?: string;

  @ApiPropertyOptional({ enum: LANGS, description: 'Only courses available in this language' })
  @IsOptional()
  @IsIn(LANGS)
  lang?: 'en' | 'fr' | 'es';

  @ApiPropertyOptional({ enum: LANGS, description: 'Language of the titles returned (default en)' })
  @IsOptional()
  @IsIn(LANGS)
  display?: 'en' | 'fr' | 'es';

  @ApiPropertyOptional({ enum: CourseStatus, description: 'Admins only; learners see published courses' })
  @IsOptional()
  @IsIn(Object.values(CourseStatus))
  status?: CourseStatus;

  @ApiPropertyOptional({ enum: ['relevance', 'title', 'newest'], default: 'relevance' })
  @IsOptional()
  @IsIn(['relevance', 'title', 'newest'])
  sort?: 'relevance' | 'title' | 'newest';

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  page: number = 1;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize: number = 20;
}
