import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { SafeText, trimString } from '@app/common';

export const MAX_POST_CHARS = 50_000;

export class CreateThreadDto {
  @ApiProperty({ maxLength: 200 })
  @Transform(trimString)
  @SafeText()
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ description: 'Markdown (raw HTML is shown as text)', maxLength: MAX_POST_CHARS })
  @IsString()
  @Length(1, MAX_POST_CHARS)
  body: string;

  @ApiPropertyOptional({ type: [String], description: 'Files of the group library to attach' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

export class UpdateThreadDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Transform(trimString)
  @SafeText()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ description: 'Moderators only' })
  @IsOptional()
  @IsBoolean()
  pinned?: boolean;
}

export class CreatePostDto {
  @ApiProperty({ description: 'Markdown (raw HTML is shown as text)', maxLength: MAX_POST_CHARS })
  @IsString()
  @Length(1, MAX_POST_CHARS)
  body: string;

  @ApiPropertyOptional({ type: [String], description: 'Files of the group library to attach' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

export class UpdatePostDto {
  @ApiProperty({ maxLength: MAX_POST_CHARS })
  @IsString()
  @Length(1, MAX_POST_CHARS)
  body: string;
}

export class ThreadSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() title: string;
  @ApiProperty() pinned: boolean;
  @ApiProperty() postCount: number;
  @ApiProperty() lastPostAt: string;
  @ApiProperty({ format: 'uuid' }) authorId: string;
  @ApiProperty() authorName: string;
  @ApiProperty() createdAt: string;
}

export class AttachmentView {
  @ApiProperty({ format: 'uuid' }) fileId: string;
  @ApiProperty() name: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() contentType: string;
}

export class PostView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) authorId: string;
  @ApiProperty() authorName: string;
  @ApiProperty({ description: 'The Markdown as written' }) bodySource: string;
  @ApiProperty({ description: 'Sanitised HTML rendered from the Markdown' }) bodyHtml: string;
  @ApiProperty({ nullable: true, type: String }) editedAt: string | null;
  @ApiProperty() deleted: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() canEdit: boolean;
  @ApiProperty({ type: [AttachmentView] }) attachments: AttachmentView[];
}

export class ThreadView extends ThreadSummaryView {
  @ApiProperty() groupName: string;
  @ApiProperty() groupArchived: boolean;
  @ApiProperty({ description: 'The caller may pin, rename or delete it' }) canModerate: boolean;
  @ApiProperty({ type: [PostView] }) posts: PostView[];
}
