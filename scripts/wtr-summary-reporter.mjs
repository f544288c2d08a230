// Counts passed / failed / skipped tests over every browser session and writes them to
// .wtr-summary.json, so scripts/test.mjs can print one summary line over every runner.
import { writeFileSync } from 'node:fs';

function count(suite, totals) {
  for (const t of suite?.tests ?? []) {
    if (t.skipped) totals.skipped++;
    else if (t.passed) totals.passed++;
    else totals.failed++;
  }
  for (const s of suite?.suites ?? []) count(s, totals);
}

export function summaryReporter({ file = '.wtr-summary.json' } = {}) {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0, files: 0, erroredFiles: 0 };
      for (const session of sessions) {
        totals.files++;
        count(session.testResults, totals);
        // A file that failed to load or threw outside a test counts as one failure.
        if (!session.passed && (session.errors?.length ?? 0) > 0) {
          totals.failed++;
          totals.erroredFiles++;
        }
      }
      writeFileSync(file, JSON.stringify(totals));
    },
  };
}
