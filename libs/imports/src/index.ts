export * from './entities';
export * from './entities/import-job.entity';
export * from './imports.module';
export * from './sandbox/package-inspector';
export * from './services/imports.service';
export * from './services/licence-import.service';
export * from './services/package-import.service';
export * from './services/translation-import.service';
