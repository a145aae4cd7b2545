/**
 * Smoke mode of the benchmarks (`npm run bench -- --smoke`, or BENCH_SMOKE=1): every bench runs end
 * to end on tiny data, without the fixtures of ../shared, in seconds. It asserts no time: it fails
 * when a bench cannot run or its requests fail, so that `npm test` catches a bench that has rotted.
 */
// Set here, when the first bench module loads: their sizes are constants read at load time.
if (process.argv.includes('--smoke')) {
  process.env.BENCH_SMOKE = '1';
}

export function isSmoke(): boolean {
  return process.env.BENCH_SMOKE === '1';
}

/** `full` in a measuring run, `smoke` in smoke mode. */
export function sized<T>(full: T, smoke: T): T {
  return isSmoke() ? smoke : full;
}

/**
 * A bench's own check that what it measured worked (every request answered, every commit stored):
 * fails the smoke run; a measuring run reports it and goes on.
 */
export function expectWorked(ok: boolean, what: string): void {
  if (ok) {
    return;
  }
  if (isSmoke()) {
    throw new Error(`bench smoke: ${what}`);
  }
  console.log(`  WARNING: ${what}`);
}
