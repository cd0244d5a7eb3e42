#!/usr/bin/env node
// Adds up the Vitest JSON reports every workspace writes to test-output/vitest.json and prints one
// closing line for the whole run: "tests: N passed, N failed, N skipped".
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const totals = { passed: 0, failed: 0, skipped: 0 };
const missing = [];
for (const group of ['apps', 'packages']) {
  if (!existsSync(join(ROOT, group))) continue;
  for (const name of readdirSync(join(ROOT, group))) {
    if (!existsSync(join(ROOT, group, name, 'package.json'))) continue;
    const report = join(ROOT, group, name, 'test-output', 'vitest.json');
    if (!existsSync(report)) {
      missing.push(`${group}/${name}`);
      continue;
    }
    const json = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += json.numPassedTests ?? 0;
    totals.failed += (json.numFailedTests ?? 0) + (json.numRuntimeErrorTests ?? 0);
    totals.skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
    if (json.success === false && json.numFailedTests === 0) totals.failed += 1;
  }
}
if (missing.length > 0) console.log(`no test report from: ${missing.join(', ')}`);
console.log(
  `tests: ${totals.passed} passed, ${totals.failed + missing.length} failed, ${totals.skipped} skipped`,
);
