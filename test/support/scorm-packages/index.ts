/**
 * The project's own SCORM test packages, generated from code (README.md in this folder).
 * Import from `test/support/scorm-packages` in unit specs, e2e and browser tests and benches.
 */
export type { CourseSpec, InteractionSpec, ItemSpec, ScoPageSpec, ScormVersion } from './course-spec';
export { buildManifest, leafItems, pagePath } from './manifest';
export { buildPackage, buildPackageFiles, writePackage, zipFiles } from './build';
export {
  PART2_GLOBAL_OBJECTIVE,
  PRETEST_GLOBAL_OBJECTIVE,
  scorm12Bookmark,
  scorm12MultiSco,
  scorm2004Measure,
  scorm2004Remediation,
  scorm2004Sequenced,
  scorm2004Single,
} from './presets';
export { largeCourse } from './large';
export * as seq from './sequencing';
