import { catalogueSearchBench } from './catalogue-search.bench';
import { loginBench } from './login.bench';
import { packageImportBench } from './package-import.bench';

/** `npm run bench`: every benchmark in turn. Benchmarks print figures and never fail on a time. */
async function main(): Promise<void> {
  await loginBench();
  await catalogueSearchBench();
  await packageImportBench();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
