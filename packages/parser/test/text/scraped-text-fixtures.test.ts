import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalizeScrapedText } from '../../src/text/index.js';

// Every folder under fixtures/scraped-text is a case: input.txt, optional options.json
// ({ url, title }), and expected.json with the Article fields to compare exactly. Add a case
// with test/fixtures/scraped-text/add-case.ts.
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/scraped-text');
const CASES = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

describe('normalizeScrapedText fixtures', () => {
  it('has at least 20 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
  });

  it.each(CASES)('%s', (name) => {
    const directory = path.join(FIXTURES, name);
    const optionsFile = path.join(directory, 'options.json');
    const options = existsSync(optionsFile) ? readJson(optionsFile) : {};
    const article = normalizeScrapedText(readFileSync(path.join(directory, 'input.txt'), 'utf8'), options);
    const expected = readJson(path.join(directory, 'expected.json'));
    const actual = Object.fromEntries(
      Object.keys(expected).map((field) => [field, article[field as keyof typeof article]]),
    );
    expect(actual).toEqual(expected);
    // Whatever the case, the text is the paragraphs and no dropped line leaks into it.
    expect(article.text).toBe(article.paragraphs.join('\n\n'));
    for (const line of article.removed) expect(article.paragraphs).not.toContain(line);
    // Normalizing the clean text again changes nothing.
    const again = normalizeScrapedText(article.text, article.title ? { title: article.title } : {});
    expect(again.paragraphs).toEqual(article.paragraphs);
  });
});
