import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsOptional, IsString, IsUrl, Length, MaxLength, ValidateIf } from 'class-validator';
import { IsLocalDateTime, trimString } from '@app/common';
import { WorkshopPhase } from '../entities/group-workshop-material.entity';

export class CreateWorkshopDto {
  @ApiProperty({ maxLength: 200 })
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiPropertyOptional({ maxLength: 5000, description: 'Plain text' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiProperty({ example: '2027-03-15T09:00', description: 'Wall-clock time in timeZone' })
  @IsLocalDateTime()
  start: string;

  @ApiProperty({ example: '2027-03-15T12:30' })
  @IsLocalDateTime()
  end: string;

  @ApiProperty({ example: 'Africa/Nairobi', description: 'IANA time zone' })
  @IsString()
  @Length(1, 64)
  timeZone: string;

  @ApiPropertyOptional({ example: 'https://meet.example.org/hs-workshop' })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(2000)
  meetingUrl?: string;
}

export class UpdateWorkshopDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ example: '2027-03-15T09:00' })
  @IsOptional()
  @IsLocalDateTime()
  start?: string;

  @ApiPropertyOptional({ example: '2027-03-15T12:30' })
  @IsOptional()
  @IsLocalDateTime()
  end?: string;

  @ApiPropertyOptional({ example: 'Africa/Nairobi' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  timeZone?: string;

  @ApiPropertyOptional({ description: 'An empty string removes the link' })
  @IsOptional()
  @ValidateIf((_, value) => value !== '')
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(2000)
  meetingUrl?: string;
}

export class MaterialDto {
  @ApiProperty({ enum: WorkshopPhase, description: 'Material for before or after the workshop' })
  @IsEnum(WorkshopPhase)
  phase: WorkshopPhase;
}

export class WorkshopMaterialView {
  @ApiProperty({ format: 'uuid' }) fileId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: WorkshopPhase }) phase: WorkshopPhase;
}

export class WorkshopView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'UTC instant' }) startsAt: string;
  @ApiProperty({ description: 'UTC instant' }) endsAt: string;
  @ApiProperty({ description: 'Wall-clock start in timeZone' }) start: string;
  @ApiProperty({ description: 'Wall-clock end in timeZone' }) end: string;
  @ApiProperty() timeZone: string;
  @ApiProperty() meetingUrl: string;
  @ApiProperty({ type: [WorkshopMaterialView] }) materials: WorkshopMaterialView[];
}
