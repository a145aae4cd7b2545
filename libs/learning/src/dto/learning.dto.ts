import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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

export class LaunchView {
  @ApiProperty({ format: 'uuid' }) attemptId: string;
  @ApiProperty({ description: 'Opens the player in a browser as it is; carries the launch token' }) launchUrl: string;
  @ApiProperty({ description: 'The commit endpoint, carrying the launch token' }) commitUrl: string;
}

export class EnrolmentView {
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ type: String, format: 'date-time' }) enrolledAt: Date;
}

export class MyLearningQueryDto {
  @ApiPropertyOptional({
    enum: ['en', 'fr', 'es'],
    description: "Course titles in this language when the course has it (default: the learner's preferred language)",
  })
  @IsOptional()
  @IsIn(['en', 'fr', 'es'])
  lang?: 'en' | 'fr' | 'es';
}
