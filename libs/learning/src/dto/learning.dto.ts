import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';

export class LaunchDto {
  @ApiPropertyOptional({ description: 'A launchable item identifier, as GET /api/courses/:id lists it' })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  itemId?: string;

  @ApiPropertyOptional({ enum: ['en', 'fr', 'es'] })
  @IsOptional()
  @IsIn(['en', 'fr', 'es'])
  language?: 'en' | 'fr' | 'es';

  @ApiPropertyOptional({ description: 'Start a new attempt of a completed item instead of reviewing it' })
  @IsOptional()
  @IsBoolean()
  newAttempt?: boolean;
}

export class ItemLaunchDto {
  @ApiPropertyOptional({ description: 'Start a new attempt of a completed item instead of reviewing it' })
  @IsOptional()
  @IsBoolean()
  newAttempt?: boolean;
}

export interface LaunchView {
  attemptId: string;
  launchUrl: string;
  commitUrl: string;
}

export interface EnrolmentView {
  courseId: string;
  enrolledAt: Date;
}
