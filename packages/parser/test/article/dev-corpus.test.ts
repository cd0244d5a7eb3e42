import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { scoreCorpus, scorePage } from '../../../../bench/lib/extraction-score.js';
import { extractArticle } from '../../src/article/extract-article.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const DEV_DIR = path.join(
  process.env.NEWSFEED_SHARED_DIR ?? path.resolve(REPO_ROOT, '../shared'),
  'corpora/article-extraction/dev',
);
const available = existsSync(path.join(DEV_DIR, 'ground-truth.json'));

/**
 * Floors below what we measure (F1 0.98 with `npx tsx bench/extraction.ts`): they catch a
 * regression of the algorithm without failing on the last decimal.
 */
const F1_FLOOR = 0.975;
const PAGE_FLOOR = 0.5;

if (!available)
  console.warn(
    `Skipping the article-extraction dev corpus test: ${DEV_DIR} is absent (set NEWSFEED_SHARED_DIR).`,
  );

describe.skipIf(!available)('extractArticle on the article-extraction dev corpus', () => {
  it(`keeps F1 >= ${F1_FLOOR} and every page >= ${PAGE_FLOOR}`, { timeout: 120_000 }, async () => {
    const truth = JSON.parse(readFileSync(path.join(DEV_DIR, 'ground-truth.json'), 'utf8')) as Record<
      string,
      { articleBody: string; url: string }
    >;
    const scores = [];
    const weak: string[] = [];
    for (const [id, { articleBody, url }] of Object.entries(truth)) {
      const html = gunzipSync(readFileSync(path.join(DEV_DIR, 'html', `${id}.html.gz`)));
      const article = await extractArticle(new Uint8Array(html), { url });
      const score = scorePage(article?.text ?? '', articleBody);
      if (score.f1 < PAGE_FLOOR) weak.push(`${url} (F1 ${score.f1.toFixed(3)})`);
      scores.push(score);
    }
    expect(weak).toEqual([]);
    expect(scoreCorpus(scores).f1).toBeGreaterThanOrEqual(F1_FLOOR);
  });
});
