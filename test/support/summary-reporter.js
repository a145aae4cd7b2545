// Prints plain closing lines that CI logs can be read by: "jest: N passed, N failed", and whether
// the external SCORM conformance suite (test/support/conformance.ts) ran or was skipped, and why.
const SKIPPED = 'external SCORM conformance suite skipped';
const SUITE = '(external SCORM conformance suite)';

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed`;
    const lines = [skipped > 0 ? `${line}, ${skipped} skipped` : line];
    const reasons = new Set();
    let ran = 0;
    let failed = 0;
    for (const file of results.testResults) {
      for (const test of file.testResults) {
        if (test.status === 'pending' && test.title.startsWith(SKIPPED)) {
          reasons.add(test.title.slice(SKIPPED.length + 2));
        } else if (test.ancestorTitles.some((title) => title.endsWith(SUITE)) && test.status !== 'pending') {
          ran++;
          if (test.status === 'failed') {
            failed++;
          }
        }
      }
    }
    if (ran > 0) {
      lines.push(`External SCORM conformance suite: ran ${ran} tests, ${failed} failed.`);
    }
    for (const reason of reasons) {
      lines.push(`External SCORM conformance suite SKIPPED: ${reason}.`);
    }
    process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}
module.exports = SummaryReporter;
