// Runs in each test file before it loads: refuses to run against anything but the run's own database.
if (!process.env.TEST_RUN_ID || !/clearance_test_[0-9a-f]+/.test(process.env.DATABASE_URL ?? '')) {
  throw new Error('e2e and browser tests need jest global setup (run them through npm run test:e2e / test:browser)');
}
