import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ImportJobState } from '../entities/import-job.entity';

/** GET /api/import-jobs: a page of the caller's imports (admins: all), optionally in one state. */
export class ImportJobQueryDto {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
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

  @ApiPropertyOptional({ enum: ImportJobState, enumName: 'ImportJobState', description: 'Only jobs in this state' })
  @IsOptional()
  @IsEnum(ImportJobState)
  state?: ImportJobState;
}
