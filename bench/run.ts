import { catalogueSearchBench } from './catalogue-search.bench';
import { commitBench } from './commit.bench';
import { loginBench } from './login.bench';
import { onboardingBench } from './onboarding.bench';
import { packageImportBench } from './package-import.bench';
import { reportsBench } from './reports.bench';
import { isSmoke } from './smoke';
import { wireBench } from './wire.bench';

/** Every benchmark, by name, in the order `npm run bench` runs them. */
const BENCHES: Record<string, () => Promise<void>> = {
  login: loginBench,
  'catalogue-search': catalogueSearchBench,
  'package-import': packageImportBench,
  commit: commitBench,
  wire: wireBench,
  reports: reportsBench,
  onboarding: onboardingBench,
};

/**
 * `npm run bench`: every benchmark in turn; `npm run bench -- <name>…` only those named.
 * Benchmarks print figures and never fail on a time. `--smoke` (or BENCH_SMOKE=1) runs them on tiny
 * data as a test (bench/smoke.ts): `npm test` does, so a bench that breaks fails the build.
 */
async function main(): Promise<void> {
  const names = process.argv.slice(2).filter((arg) => arg !== '--smoke'); // read by bench/smoke.ts
  const unknown = names.filter((name) => !(name in BENCHES));
  if (unknown.length > 0) {
    throw new Error(`Unknown bench ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  }
  for (const name of names.length > 0 ? names : Object.keys(BENCHES)) {
    const started = performance.now();
    await BENCHES[name]();
    if (isSmoke()) {
      console.log(`bench smoke: ${name} ran in ${Math.round((performance.now() - started) / 1000)} s`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
