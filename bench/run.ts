import { catalogueSearchBench } from './catalogue-search.bench';
import { commitBench } from './commit.bench';
import { loginBench } from './login.bench';
import { packageImportBench } from './package-import.bench';

/** Every benchmark, by name, in the order `npm run bench` runs them. */
const BENCHES: Record<string, () => Promise<void>> = {
  login: loginBench,
  'catalogue-search': catalogueSearchBench,
  'package-import': packageImportBench,
  commit: commitBench,
};

/**
 * `npm run bench`: every benchmark in turn; `npm run bench -- <name>…` only those named.
 * Benchmarks print figures and never fail on a time.
 */
async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !(name in BENCHES));
  if (unknown.length > 0) {
    throw new Error(`Unknown bench ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  }
  for (const name of names.length > 0 ? names : Object.keys(BENCHES)) {
    await BENCHES[name]();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
