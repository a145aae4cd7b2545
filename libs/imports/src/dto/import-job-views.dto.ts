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

/** One row of an officers' CSV that was left out: its line, what it held, and why (a stable code). */
export class RejectedOfficerRowView {
  @ApiProperty() line: number;
  @ApiProperty({ description: 'The e-mail cell as written' }) email: string;
  @ApiProperty() name: string;
  @ApiProperty({
    enum: [
      'INVALID_EMAIL',
      'MISSING_NAME',
      'NAME_TOO_LONG',
      'JOB_TITLE_TOO_LONG',
      'UNSAFE_CHARACTERS',
      'INVALID_LANGUAGE',
      'DUPLICATE_IN_FILE',
      'EMAIL_OF_ANOTHER_COUNTRY',
      'EMAIL_OF_ANOTHER_ACCOUNT',
    ],
    enumName: 'OfficerRowProblem',
  })
  problem: string;
}

/** What an officers' CSV import left (bulk onboarding, docs/people.md). */
export class OfficerImportResultView {
  @ApiProperty() country: string;
  @ApiProperty({ description: 'Officer rows in the file, the header aside' }) rows: number;
  @ApiProperty() created: number;
  @ApiProperty({ description: 'Addresses that already had an account in the country: left as they were' })
  alreadyRegistered: number;
  @ApiProperty() rejectedCount: number;
  @ApiProperty({ type: [RejectedOfficerRowView], description: 'The first 1,000 rejected rows, by line' })
  rejected: RejectedOfficerRowView[];
}

/** An import job as its history in the database keeps it (docs/architecture.md, queues). */
@ApiExtraModels(PackageImportResultView, LicenceImportResultView, XliffImportResultView, OfficerImportResultView)
export class ImportJobView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['scorm_package', 'licence_bundle', 'translation', 'officers'], enumName: 'ImportKind' })
  kind: string;
  @ApiProperty({ enum: ['waiting', 'active', 'completed', 'failed'], enumName: 'ImportState' }) state: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress: number;
  @ApiProperty({
    nullable: true,
    oneOf: [PackageImportResultView, LicenceImportResultView, XliffImportResultView, OfficerImportResultView].map(
      (view) => ({
        $ref: getSchemaPath(view),
      }),
    ),
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
