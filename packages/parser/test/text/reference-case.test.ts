import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalizeScrapedText } from '../../src/text/index.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const SHARED_DIR = process.env.NEWSFEED_SHARED_DIR ?? path.resolve(REPO_ROOT, '../shared');
const REFERENCE = path.join(SHARED_DIR, 'corpora/scraped-text/afp-geneva-talks.txt');
const present = existsSync(REFERENCE);
if (!present)
  console.warn(`Skipping the scraped-text reference case: ${REFERENCE} not found (set NEWSFEED_SHARED_DIR)`);

describe.skipIf(!present)(
  present
    ? 'reference case afp-geneva-talks.txt'
    : `reference case skipped: ${REFERENCE} not found (set NEWSFEED_SHARED_DIR)`,
  () => {
    const article = present ? normalizeScrapedText(readFileSync(REFERENCE, 'utf8')) : null!;

    function paragraphAfter(ending: string): string | undefined {
      const index = article.paragraphs.findIndex((paragraph) => paragraph.endsWith(ending));
      return index < 0 ? undefined : article.paragraphs[index + 1];
    }

    it('finds the title line', () => {
      expect(article.title).toBe('US, Russia to hold Ukraine talks early January in Geneva');
      expect(article.paragraphs).not.toContain(article.title);
    });

    it('drops the boilerplate lines into removed', () => {
      expect(article.removed).toEqual(['Connect with us', 'Source link']);
      expect(article.text).not.toMatch(/Connect with us|Source link/);
    });

    it('splits the glued paragraphs back apart', () => {
      expect(paragraphAfter('on January 10.')).toMatch(/^The Kremlin has grown/);
      expect(paragraphAfter('the official said.')).toMatch(/^Foreign Minister Zbigniew Rau/);
      expect(paragraphAfter("Russia's borders.")).toMatch(/^"The United States looks forward/);
      expect(paragraphAfter('moves on Ukraine."')).toMatch(/^The meeting is part of/);
      expect(article.text).not.toMatch(/[a-z0-9]\.["“]?[A-Z]/);
      expect(article.paragraphs.length).toBeGreaterThanOrEqual(12);
    });

    it('marks the truncated ending and credits AFP', () => {
      expect(article.text.endsWith('treaties….')).toBe(true);
      expect(article.truncated).toBe(true);
      expect(article.wire).toBe('AFP');
      expect(article.language).toBe('en');
    });

    it('signs the text', () => {
      expect(article.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(article.simhash).toMatch(/^[0-9a-f]{16}$/);
      expect(article.wordCount).toBeGreaterThan(300);
    });
  },
);
