import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AUDIT_ACTIONS } from './audit-action';
import { AuditEntry } from './entities/audit-entry.entity';

/** `GET /api/admin/audit` and its CSV: filters (all optional) and the page. */
export class AuditFilterDto {
  @ApiPropertyOptional({ description: 'Who acted (a user id)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actorId?: string;

  @ApiPropertyOptional({ description: 'What the action was about (a user, course, licence… id, or a country code)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  targetId?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'From this instant (inclusive)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ format: 'date-time', description: 'Until this instant (exclusive)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;
}

export class AuditQueryDto extends AuditFilterDto {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page: number = 1;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize: number = 50;
}

export class AuditEntryView {
  @ApiProperty({ description: 'Position in the chain: 1, 2, 3…' })
  seq: number;

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;

  @ApiProperty({ type: String, nullable: true, description: 'Null for the command line and jobs' })
  actorId: string | null;

  @ApiProperty({ type: String, nullable: true })
  actorCountry: string | null;

  @ApiProperty({ enum: AUDIT_ACTIONS })
  action: string;

  @ApiProperty()
  targetType: string;

  @ApiProperty()
  targetId: string;

  @ApiProperty({ type: String, nullable: true })
  targetCountry: string | null;

  @ApiProperty({ type: String, nullable: true })
  ip: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    nullable: true,
    description: 'Facts about the action (statuses, counts)',
  })
  details: Record<string, string | number | boolean> | null;

  @ApiProperty()
  hash: string;

  static of(entry: AuditEntry): AuditEntryView {
    return {
      seq: Number(entry.seq),
      occurredAt: entry.occurredAt.toISOString(),
      actorId: entry.actorId,
      actorCountry: entry.actorCountry,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      targetCountry: entry.targetCountry,
      ip: entry.ip,
      details: entry.details ? (JSON.parse(entry.details) as Record<string, string | number | boolean>) : null,
      hash: entry.hash,
    };
  }
}

export class AuditPage {
  @ApiProperty({ type: [AuditEntryView] })
  items: AuditEntryView[];

  @ApiProperty()
  total: number;
}
