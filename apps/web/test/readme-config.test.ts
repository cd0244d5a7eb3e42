import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WEB_OPTIONS } from '../lib/env';

// The README's configuration table is the user's reference: it must list every option of
// lib/env.ts with its real default.

const README = readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');

function readmeRow(name: string): string[] | null {
  const line = README.split('\n').find((row) => row.startsWith(`| \`${name}\` |`));
  return line
    ? line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim())
    : null;
}

describe('README configuration table', () => {
  it.each(Object.entries(WEB_OPTIONS).filter(([name]) => name !== 'DATABASE_URL'))(
    'documents %s',
    (name, option) => {
      const row = readmeRow(name);
      expect(row, `README.md has no row for ${name}`).not.toBeNull();
      const fallback = option.schema.safeParse(undefined);
      const expected = fallback.success && fallback.data !== undefined ? `\`${String(fallback.data)}\`` : '';
      expect(row![1]).toBe(expected);
      expect(row![2]).toBe(option.description);
    },
  );

  it('shares DATABASE_URL and its default with the worker', () => {
    expect(readmeRow('DATABASE_URL')?.[1]).toBe(`\`${WEB_OPTIONS.DATABASE_URL.schema.parse(undefined)}\``);
  });
});
