export * from './package/package-error';
export * from './package/package-limits';
export * from './package/safe-unzip';
export * from './manifest';
export * from './content';
export * from './scorm.module';
export * from './rollup/activity-rollup';
