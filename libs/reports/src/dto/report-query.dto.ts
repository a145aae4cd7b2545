import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { IsCalendarDate } from '@app/common';

export const OFFICER_STATUSES = ['unverified', 'pending', 'active', 'rejected', 'suspended'] as const;
export type OfficerStatus = (typeof OFFICER_STATUSES)[number];

/** Country and period: what every report takes (docs/reports.md). */
export class ReportQueryDto {
  @ApiPropertyOptional({ example: 'KE', description: 'Coordinator: one of their own countries only (else 403)' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  country?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'First day, inclusive (UTC)' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last day, inclusive (UTC)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

/** The learners table's filters: the same for the page, the CSV and the XLSX. */
export class LearnerFilterDto extends ReportQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only enrolments in this course' })
  @IsOptional()
  @IsUUID()
  course?: string;

  @ApiPropertyOptional({ enum: ['en', 'fr', 'es'], description: "The officer's preferred language" })
  @IsOptional()
  @IsIn(['en', 'fr', 'es'])
  lang?: 'en' | 'fr' | 'es';

  @ApiPropertyOptional({ enum: OFFICER_STATUSES, description: "The officer's account status" })
  @IsOptional()
  @IsIn(OFFICER_STATUSES)
  status?: OfficerStatus;
}

export class LearnerQueryDto extends LearnerFilterDto {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 100000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page: number = 1;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize: number = 20;
}
