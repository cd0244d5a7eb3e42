#!/usr/bin/env node
// Adds up the Vitest JSON reports every workspace writes to test-output/vitest.json and prints one
// closing line for the whole run: "tests: N passed, N failed, N skipped".
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const totals = { passed: 0, failed: 0, skipped: 0 };
const missing = [];
function add(json) {
  totals.passed += json.numPassedTests ?? 0;
  totals.failed += (json.numFailedTests ?? 0) + (json.numRuntimeErrorTests ?? 0);
  totals.skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  if (json.success === false && json.numFailedTests === 0) totals.failed += 1;
}
for (const group of ['apps', 'packages']) {
  if (!existsSync(join(ROOT, group))) continue;
  for (const name of readdirSync(join(ROOT, group))) {
    if (!existsSync(join(ROOT, group, name, 'package.json'))) continue;
    const report = join(ROOT, group, name, 'test-output', 'vitest.json');
    if (!existsSync(report)) {
      missing.push(`${group}/${name}`);
      continue;
    }
    add(JSON.parse(readFileSync(report, 'utf8')));
  }
}
// The benchmarks' own helpers are tested from the root (bench is not a workspace).
const benchReport = join(ROOT, 'bench', 'test-output', 'vitest.json');
if (existsSync(join(ROOT, 'bench'))) {
  if (existsSync(benchReport)) add(JSON.parse(readFileSync(benchReport, 'utf8')));
  else missing.push('bench');
}
if (missing.length > 0) console.log(`no test report from: ${missing.join(', ')}`);
console.log(
  `tests: ${totals.passed} passed, ${totals.failed + missing.length} failed, ${totals.skipped} skipped`,
);
