/**
 * The external SCORM conformance suite: third-party packages kept outside the repository, in
 * `../shared/fixtures/scorm` beside the checkout (CI always has it), or wherever
 * `SCORM_FIXTURES_DIR` says. Tests of those packages are declared with {@link describeConformance}:
 * they run when the folder is there; otherwise one skipped test per block says why and where it
 * looked, and the run's closing lines (test/support/summary-reporter.js) say the suite was skipped.
 * The repo's own tests use the packages of test/support/scorm-packages instead.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const SCORM_FIXTURES_ENV = 'SCORM_FIXTURES_DIR';

/** `<repo>/../shared/fixtures/scorm`. */
export const DEFAULT_SCORM_FIXTURES_DIR = path.resolve(__dirname, '../../../shared/fixtures/scorm');

/** The start of the title of the skipped test that stands for a skipped block (read by the summary reporter). */
export const CONFORMANCE_SKIPPED = 'external SCORM conformance suite skipped';

/** The suffix of every conformance block's name (read by the summary reporter). */
export const CONFORMANCE_SUITE = '(external SCORM conformance suite)';

/** Where the third-party packages are looked for: `SCORM_FIXTURES_DIR`, else the default. */
export function scormFixturesDir(): string {
  const configured = process.env[SCORM_FIXTURES_ENV];
  return configured ? path.resolve(configured) : DEFAULT_SCORM_FIXTURES_DIR;
}

/** Why the suite cannot run, or `null` when the folder is there. */
export function conformanceSkipReason(dir = scormFixturesDir()): string | null {
  const source = process.env[SCORM_FIXTURES_ENV] ? `${SCORM_FIXTURES_ENV}=${dir}` : dir;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return `no folder at ${source} (put the third-party packages in ../shared/fixtures/scorm beside the checkout, or set ${SCORM_FIXTURES_ENV})`;
  }
  return null;
}

/** The third-party zips, sorted (none when the folder is absent). */
export function conformanceZips(dir = scormFixturesDir()): string[] {
  return conformanceSkipReason(dir) === null
    ? readdirSync(dir)
        .filter((name) => name.endsWith('.zip'))
        .sort()
    : [];
}

/**
 * A `describe` block of conformance tests, given the fixtures' folder. Without the folder the
 * block holds one skipped test whose title gives the reason.
 */
export function describeConformance(name: string, body: (dir: string) => void): void {
  const dir = scormFixturesDir();
  const reason = conformanceSkipReason(dir);
  if (reason === null) {
    describe(`${name} ${CONFORMANCE_SUITE}`, () => body(dir));
  } else {
    describe(`${name} ${CONFORMANCE_SUITE}`, () => {
      it.skip(`${CONFORMANCE_SKIPPED}: ${reason}`, () => undefined);
    });
  }
}
