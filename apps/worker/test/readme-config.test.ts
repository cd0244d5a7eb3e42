import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeWorkerOptions } from '../src/env.js';

const README = new URL('../../../README.md', import.meta.url);

/** The README row an option must have: `| \`NAME\` | \`default\` | description |` (empty default: blank cell). */
function readmeRow(option: { name: string; defaultValue: string; description: string }): string {
  const value = option.defaultValue === '' ? '' : `\`${option.defaultValue}\``;
  return `| \`${option.name}\` | ${value} | ${option.description} |`;
}

describe('README configuration table', () => {
  it.skipIf(!existsSync(README))('lists every worker option with its default and description', () => {
    const readme = readFileSync(README, 'utf8');
    const missing = describeWorkerOptions()
      .map(readmeRow)
      .filter((row) => !readme.includes(row));
    expect(
      missing,
      `README.md lacks these rows (copy them into the configuration table):\n${missing.join('\n')}`,
    ).toEqual([]);
  });
});
