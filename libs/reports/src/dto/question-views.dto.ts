import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** `GET /api/reports/courses/{courseId}/questions` (docs/reports.md, "Question analysis"). */
export class QuestionQueryDto {
  @ApiPropertyOptional({ example: 'KE', description: 'Coordinator: one of their own countries only (else 403)' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  country?: string;
}

export class QuestionFiguresDto {
  @ApiProperty({ description: '`cmi.interactions.n.id`' }) interactionId: string;
  @ApiProperty({ type: String, nullable: true, example: 'choice' }) type: string | null;
  @ApiProperty({ description: 'Attempts that answered it (their last answer counts)' }) attempts: number;
  @ApiProperty({ description: 'Of those, answered `correct`' }) correct: number;
  @ApiProperty({ description: 'correct / attempts, 4 decimals' }) shareCorrect: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The response most often answered `incorrect` (or `wrong`)',
  })
  topWrongResponse: string | null;
  @ApiProperty({ description: 'How many attempts gave it' }) topWrongCount: number;
}

export class QuestionCountryFiguresDto extends QuestionFiguresDto {
  @ApiProperty({ example: 'KE' }) country: string;
}

export class QuestionAnalysisDto {
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ type: [QuestionFiguresDto], description: 'Per interaction id, over the countries in scope' })
  questions: QuestionFiguresDto[];
  @ApiProperty({
    type: [QuestionCountryFiguresDto],
    nullable: true,
    description: 'Admin only: the same per country and interaction id (null for a coordinator)',
  })
  byCountry: QuestionCountryFiguresDto[] | null;
}
