import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Min } from 'class-validator';
import { SafeText, trimString } from '@app/common';

export class CreateFolderDto {
  @ApiProperty({ maxLength: 200 })
  @Transform(trimString)
  @SafeText()
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

export class FolderQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The folder to list (default: the top of the library)' })
  @IsOptional()
  @IsUUID()
  folderId?: string;
}

export class VersionQueryDto {
  @ApiPropertyOptional({ description: 'A version number (default: the current one)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class FolderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) parentId: string | null;
  @ApiProperty() name: string;
}

export class FileView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ nullable: true, type: String }) folderId: string | null;
  @ApiProperty({ description: 'A label: never used as a path' }) name: string;
  @ApiProperty() currentVersion: number;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() contentType: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty() canDelete: boolean;
}

export class FileVersionView {
  @ApiProperty() version: number;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() contentType: string;
  @ApiProperty() sha256: string;
  @ApiProperty({ format: 'uuid' }) uploadedBy: string;
  @ApiProperty() uploadedByName: string;
  @ApiProperty() createdAt: string;
}

export class FileDetailView extends FileView {
  @ApiProperty({ type: [FileVersionView] }) versions: FileVersionView[];
}

export class LibraryView {
  @ApiProperty({ type: FolderView, nullable: true }) folder: FolderView | null;
  @ApiProperty({ type: [FolderView] }) folders: FolderView[];
  @ApiProperty({ type: [FileView] }) files: FileView[];
  @ApiProperty() quotaBytes: number;
  @ApiProperty() usedBytes: number;
}

/** What an upload carries besides the bytes. */
export interface UploadedFile {
  tempPath: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  folderId?: string;
  fileId?: string;
}
