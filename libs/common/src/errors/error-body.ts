import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorCode } from './error-code';

/** The one error body of the public API. */
export class ErrorBody {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'Bad Request' })
  error: string;

  @ApiProperty({ example: 'email must be an email' })
  message: string;

  @ApiProperty({ enum: ErrorCode, example: ErrorCode.ValidationFailed })
  code: ErrorCode;

  @ApiPropertyOptional({ description: 'Present on 500s: quote it when reporting the problem' })
  errorId?: string;

  @ApiPropertyOptional({ description: 'Field-level problems of a validation failure', type: [String] })
  details?: string[];
}
