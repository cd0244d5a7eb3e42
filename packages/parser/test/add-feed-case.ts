// Adds a case to test/fixtures/feeds: copies the input and writes what parseFeed returns today as
// expected.json, for you to check by eye (and trim to the facts that matter) before committing.
// Usage: npx tsx test/add-feed-case.ts <case-name> <input-file> [--url URL] [--content-type CT]
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FeedParseError, parseFeed } from '../src/index.js';

const [name, input, ...rest] = process.argv.slice(2);
if (!name || !input) {
  console.error(
    'Usage: npx tsx test/add-feed-case.ts <case-name> <input-file> [--url URL] [--content-type CT]',
  );
  process.exit(2);
}
const options: { url?: string; contentType?: string } = {};
for (let index = 0; index < rest.length; index += 2) {
  if (rest[index] === '--url') options.url = rest[index + 1];
  else if (rest[index] === '--content-type') options.contentType = rest[index + 1];
}
const dir = path.join(import.meta.dirname, 'fixtures', 'feeds', name);
mkdirSync(dir, { recursive: true });
const extension = input.endsWith('.json') ? '.json' : '.xml';
const target = path.join(dir, `input${extension}`);
if (path.resolve(input) !== target) copyFileSync(input, target);
if (Object.keys(options).length > 0)
  writeFileSync(path.join(dir, 'options.json'), `${JSON.stringify(options, null, 2)}\n`);
let expected: unknown;
try {
  expected = await parseFeed(new Uint8Array(readFileSync(target)), options);
} catch (error) {
  if (!(error instanceof FeedParseError)) throw error;
  expected = { error: { code: error.code, discovered: error.discovered } };
}
const expectedPath = path.join(dir, 'expected.json');
if (existsSync(expectedPath)) console.error(`Overwriting ${expectedPath}`);
writeFileSync(expectedPath, `${JSON.stringify(expected, null, 2)}\n`);
console.log(`Wrote ${dir}: check expected.json by eye before committing.`);
