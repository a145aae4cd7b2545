import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';

export class JobAcceptedView {
  @ApiProperty({ format: 'uuid' }) jobId: string;
}

/** What a package import left: the course and package it made, and warnings for a person. */
export class PackageImportResultView {
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ format: 'uuid' }) packageId: string;
  @ApiProperty({ type: [String] }) warnings: string[];
}

/** What a licence bundle's import left. */
export class LicenceImportResultView {
  @ApiProperty({ format: 'uuid' }) licenceId: string;
  @ApiProperty() revision: number;
  @ApiProperty({ type: [String], format: 'uuid' }) courseIds: string[];
  @ApiProperty() addedPackages: number;
  @ApiProperty() alreadyImported: boolean;
}

/** What an XLIFF translation's import left. */
export class XliffImportResultView {
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ enum: ['en', 'fr', 'es'], enumName: 'CourseLanguage' }) language: 'en' | 'fr' | 'es';
  @ApiProperty({ enum: ['en', 'fr', 'es'], enumName: 'CourseLanguage' }) sourceLanguage: 'en' | 'fr' | 'es';
  @ApiProperty({ type: [String] }) units: string[];
}

/** An import job as its history in the database keeps it (docs/architecture.md, queues). */
@ApiExtraModels(PackageImportResultView, LicenceImportResultView, XliffImportResultView)
export class ImportJobView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['scorm_package', 'licence_bundle', 'translation'], enumName: 'ImportKind' }) kind: string;
  @ApiProperty({ enum: ['waiting', 'active', 'completed', 'failed'], enumName: 'ImportState' }) state: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress: number;
  @ApiProperty({
    nullable: true,
    oneOf: [PackageImportResultView, LicenceImportResultView, XliffImportResultView].map((view) => ({
      $ref: getSchemaPath(view),
    })),
    description: 'Once completed: what the import left, by kind',
  })
  result: object | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it failed, for a person' }) error: string | null;
  @ApiProperty({ nullable: true, type: String }) errorCode: string | null;
  @ApiProperty() fileName: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'A translated package: the package it was translated from',
  })
  sourcePackageId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
}

export class ImportJobPage {
  @ApiProperty({ type: [ImportJobView] }) items: ImportJobView[];
  @ApiProperty() total: number;
}
