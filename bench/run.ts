import { loginBench } from './login.bench';

/** `npm run bench`: every benchmark in turn. Benchmarks print figures and never fail on a time. */
async function main(): Promise<void> {
  await loginBench();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
