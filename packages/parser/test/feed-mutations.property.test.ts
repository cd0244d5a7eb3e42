import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed } from '../src/index.js';
import { sharedCorpus } from './lib/shared-corpus.js';

// Arbitrary mutations of real feeds: parseFeed must return a feed or throw FeedParseError, nothing
// else, and spend at most a second of CPU on each case. CPU time, not wall-clock time: on a 2-core
// machine running other suites at once a case can wait longer than that for a core, which says
// nothing about the parser (no wall-clock thresholds in tests).
const PER_CASE_CPU_LIMIT_MS = 1_000;

/** CPU time (user + system) this process has used, in ms. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
/** Feeds larger than this are left to the corpus tests, to keep this suite quick. */
const MAX_SEED_BYTES = 120_000;

function seeds(): { name: string; bytes: Uint8Array }[] {
  const fixtures = path.join(import.meta.dirname, 'fixtures', 'feeds');
  const found = readdirSync(fixtures)
    .filter((name) => !name.startsWith('error-'))
    .flatMap((name) =>
      ['input.xml', 'input.json']
        .map((file) => path.join(fixtures, name, file))
        .filter((file) => {
          try {
            return readFileSync(file).byteLength > 0;
          } catch {
            return false;
          }
        }),
    );
  const corpus = sharedCorpus('feeds', 'real-world');
  if (corpus)
    found.push(
      ...readdirSync(corpus)
        .filter((name) => name !== 'LICENSE')
        .map((name) => path.join(corpus, name)),
    );
  return found
    .map((file) => ({
      name: path.basename(path.dirname(file)) + path.sep + path.basename(file),
      bytes: new Uint8Array(readFileSync(file)),
    }))
    .filter((seed) => seed.bytes.byteLength <= MAX_SEED_BYTES);
}

const SEEDS = seeds();

/** Fragments that stress an XML/feed reader when dropped anywhere. */
const NASTY = [
  '<',
  '>',
  '&',
  '&amp;',
  '&nbsp;',
  '&#0;',
  '&#xD800;',
  '&#99999999;',
  ']]>',
  '<![CDATA[',
  '<!--',
  '-->',
  '</item>',
  '<item>',
  '</channel>',
  '<entry>',
  '</feed>',
  '"',
  "'",
  '\u0000',
  '\u0007',
  '\uFFFE',
  '\uD800',
  '<?xml version="1.0"?>',
  '<!DOCTYPE x [<!ENTITY a "&b;">]>',
  'xml:base="::"',
  ' href="javascript:alert(1)"',
  '<script>',
  '{',
  '}',
  '[',
  ']',
  '<rss>',
  '<feed xmlns="http://www.w3.org/2005/Atom">',
  '\r\n',
  '\t',
  '\u00e9',
  '\u{1F600}',
];

type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'flip'; at: number; value: number };

const position = fc.double({ min: 0, max: 1, noNaN: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 400 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    text: fc.oneof(
      fc.constantFrom(...NASTY),
      fc.string({ maxLength: 20 }),
      fc.string({ unit: 'binary', maxLength: 8 }),
    ),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: position,
    length: fc.integer({ min: 1, max: 2_000 }),
  }),
  fc.record({ kind: fc.constant('flip' as const), at: position, value: fc.integer({ min: 0, max: 255 }) }),
);

function apply(bytes: Uint8Array, mutations: Mutation[]): Uint8Array {
  let out = Buffer.from(bytes);
  for (const change of mutations) {
    const at = Math.floor(change.at * out.length);
    if (change.kind === 'delete')
      out = Buffer.concat([out.subarray(0, at), out.subarray(at + change.length)]);
    else if (change.kind === 'insert')
      out = Buffer.concat([out.subarray(0, at), Buffer.from(change.text), out.subarray(at)]);
    else if (change.kind === 'truncate') out = out.subarray(0, at);
    else if (change.kind === 'duplicate')
      out = Buffer.concat([out.subarray(0, at + change.length), out.subarray(at)]);
    else if (out.length > 0) {
      out = Buffer.from(out);
      out[Math.min(at, out.length - 1)] = change.value;
    }
  }
  return new Uint8Array(out);
}

describe('parseFeed on mutated real feeds', () => {
  it('has seeds', () => {
    expect(SEEDS.length).toBeGreaterThan(20);
  });

  it('returns a feed or throws FeedParseError, within a second of CPU, whatever the damage', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...SEEDS),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        async (seed, mutations) => {
          const input = apply(seed.bytes, mutations);
          const started = cpuMs();
          try {
            const feed = await parseFeed(input, { url: 'https://mutated.example/feed' });
            expect(Array.isArray(feed.items)).toBe(true);
            for (const item of feed.items) expect(typeof item.key).toBe('string');
          } catch (error) {
            if (!(error instanceof FeedParseError)) throw error;
          }
          expect(cpuMs() - started).toBeLessThan(PER_CASE_CPU_LIMIT_MS);
        },
      ),
      { numRuns: 400 },
    );
  });
});
