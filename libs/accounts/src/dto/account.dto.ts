import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { SafeText, trimString } from '@app/common';
import { LANGUAGES, Language, UserStatus } from '../entities/user.entity';

export class RegisterDto {
  @ApiProperty({ example: 'officer@kra.go.ke' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 12, maxLength: 128, format: 'password' })
  @IsString()
  @MaxLength(1024)
  password: string;

  @ApiProperty({ example: 'Amina Odhiambo' })
  @Transform(trimString)
  @SafeText()
  @IsString()
  @Length(1, 120)
  displayName: string;

  @ApiProperty({ example: 'KE', description: 'ISO 3166-1 alpha-2' })
  @IsString()
  @Matches(/^[A-Za-z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country: string;

  @ApiProperty({ example: 'Kenya Revenue Authority' })
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  administration: string;

  @ApiPropertyOptional({ example: 'Customs officer' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(200)
  jobTitle?: string;

  @ApiPropertyOptional({ enum: LANGUAGES })
  @IsOptional()
  @IsIn(LANGUAGES)
  preferredLanguage?: Language;
}

export class TokenDto {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  token: string;
}

export class EmailDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class ResetPasswordDto extends TokenDto {
  @ApiProperty({ format: 'password' })
  @IsString()
  @MaxLength(1024)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty({ format: 'password' })
  @IsString()
  @MaxLength(1024)
  currentPassword: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @MaxLength(1024)
  newPassword: string;
}

export class UpdateProfileDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimString)
  @SafeText()
  @IsString()
  @Length(1, 120)
  displayName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  administration?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(200)
  jobTitle?: string;

  @ApiPropertyOptional({ enum: LANGUAGES })
  @IsOptional()
  @IsIn(LANGUAGES)
  preferredLanguage?: Language;
}

export class PageQueryDto {
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
}

export class RegistrationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: UserStatus })
  @IsOptional()
  @IsIn(Object.values(UserStatus))
  status?: UserStatus;

  @ApiPropertyOptional({ description: 'Searches email, name and administration' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ example: 'KE' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  country?: string;
}

export class DecisionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'KE' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  country?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

export class CountryQueryDto {
  @ApiPropertyOptional({ example: 'KE' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  country?: string;
}

export class RejectDto {
  @ApiProperty({ minLength: 1, maxLength: 1000 })
  @Transform(trimString)
  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class BulkDecisionDto {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'])
  action: 'approve' | 'reject';

  @ApiProperty({ type: [String], minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  userIds: string[];

  @ApiPropertyOptional({ maxLength: 1000, description: 'Required to reject' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

export class AppointCoordinatorDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;

  @ApiProperty({ example: 'KE' })
  @Matches(/^[A-Za-z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country: string;
}

export class AutoApproveDomainsDto {
  @ApiProperty({ type: [String], example: ['kra.go.ke'] })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(253, { each: true })
  domains: string[];
}

export class LanguageQueryDto {
  @ApiPropertyOptional({ enum: LANGUAGES, default: 'en' })
  @IsOptional()
  @IsIn(LANGUAGES)
  lang: Language = 'en';
}

export class UserSearchQueryDto {
  @ApiProperty({ minLength: 1 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q: string;
}
