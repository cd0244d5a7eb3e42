import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed } from '../src/index.js';

// One folder per case: input.xml or input.json (raw bytes, any encoding), optional options.json
// ({ url, contentType }), and expected.json: the facts parseFeed must return (a subset of the
// ParsedFeed, matched with toMatchObject), or { "error": { "code": ... } }. New cases:
// npx tsx test/add-feed-case.ts <name> <input-file> [--url URL] [--content-type CT]
const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'feeds');
const CASES = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function readCase(name: string) {
  const dir = path.join(FIXTURES, name);
  const inputName = existsSync(path.join(dir, 'input.json')) ? 'input.json' : 'input.xml';
  const optionsPath = path.join(dir, 'options.json');
  return {
    input: new Uint8Array(readFileSync(path.join(dir, inputName))),
    options: existsSync(optionsPath) ? JSON.parse(readFileSync(optionsPath, 'utf8')) : {},
    expected: JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')),
  };
}

/** Where a value is undefined: the JSON the CLI prints must say null or [] instead. */
function pathsToUndefined(value: unknown, path = '$'): string[] {
  if (value === undefined) return [path];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => pathsToUndefined(child, `${path}.${key}`));
}

describe('feed fixtures', () => {
  it('has cases', () => {
    expect(CASES.length).toBeGreaterThan(30);
  });

  it.each(CASES)('%s', async (name) => {
    const { input, options, expected } = readCase(name);
    if (expected.error) {
      const error = await parseFeed(input, options).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(FeedParseError);
      expect(error).toMatchObject(expected.error);
      return;
    }
    const feed = await parseFeed(input, options);
    expect(pathsToUndefined(feed)).toEqual([]);
    const { warnings: expectedWarnings, ...facts } = expected;
    expect(feed).toMatchObject(facts);
    if (expectedWarnings)
      expect(feed.warnings.map((w) => w.code).sort()).toEqual(
        expectedWarnings.map((w: { code: string }) => w.code).sort(),
      );
  });
});
