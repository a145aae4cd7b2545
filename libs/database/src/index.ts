export * from './data-source-options';
export * from './database.module';
export * from './schema-tools';
export * from './retry-on-deadlock';
export * from './timestamp-columns';
export * from './decimal-transformer';
