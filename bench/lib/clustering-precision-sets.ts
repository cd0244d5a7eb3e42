// Precision-only sets for the clustering benchmark: texts where the right answer is known to be
// "all apart" (the article-extraction dev pages, each a different event) or a known grouping (the
// worker's wire-copy fixtures).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { detectLanguage } from '@newsfeed/parser';
import type { ClusterDoc } from '../../apps/worker/src/cluster/rule/index.js';
import { REPO_ROOT, SHARED_DIR } from './corpus-dir.js';

const EXTRACTION_DEV = path.join(SHARED_DIR, 'corpora/article-extraction/dev');
const WIRE_FIXTURES = path.join(REPO_ROOT, 'apps/worker/test/fixtures/wire');
/** All items of a precision set count as published at once: only the content may keep them apart. */
const AT = Date.UTC(2026, 10, 28, 10);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decodeEntities = (text: string) =>
  text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replace(/&(\w+);/g, (whole, name: string) => ENTITIES[name] ?? whole);

/** The page's og:title, else its <title>. */
function pageTitle(html: string): string {
  const og =
    /<meta[^>]+property=["']og:title["'][^>]*content=["']([^"']*)["']/i.exec(html) ??
    /<meta[^>]+content=["']([^"']*)["'][^>]*property=["']og:title["']/i.exec(html);
  const title = og?.[1] ?? /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '';
  return decodeEntities(title).replace(/\s+/g, ' ').trim();
}

/** Each dev page as an item: title from the page, text its hand-checked article body. */
export function extractionDevDocs(): ClusterDoc[] {
  const truth = JSON.parse(readFileSync(path.join(EXTRACTION_DEV, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody: string }
  >;
  const ids = readdirSync(path.join(EXTRACTION_DEV, 'html'))
    .filter((name) => name.endsWith('.html.gz'))
    .map((name) => name.replace(/\.html\.gz$/, ''))
    .sort();
  return ids.map((id, index) => {
    const html = gunzipSync(readFileSync(path.join(EXTRACTION_DEV, 'html', `${id}.html.gz`))).toString(
      'utf8',
    );
    const text = truth[id]?.articleBody ?? '';
    return {
      id: index + 1,
      feedId: index + 1,
      title: pageTitle(html),
      text,
      language: detectLanguage(text),
      publishedAt: AT,
      firstSeenAt: AT,
    };
  });
}

/** The wire fixtures and the story each belongs to: three copies of one report, and another event. */
export function wireFixtureDocs(): { docs: ClusterDoc[]; truth: Map<number, string> } {
  const cases = [
    { file: 'agency', title: 'Geneva talks resume on prisoner swap and ceasefire', story: 'resume' },
    {
      file: 'outlet-a',
      title: 'Peace talks resume in Geneva, prisoner exchange on the table',
      story: 'resume',
    },
    { file: 'outlet-b', title: 'Geneva talks resume after three-week pause', story: 'resume' },
    { file: 'other-event', title: 'Geneva talks collapse over humanitarian corridors', story: 'collapse' },
  ];
  const docs = cases.map((one, index) => ({
    id: index + 1,
    feedId: index + 1,
    title: one.title,
    text: readFileSync(path.join(WIRE_FIXTURES, `${one.file}.txt`), 'utf8'),
    language: 'en',
    publishedAt: AT,
    firstSeenAt: AT,
  }));
  return { docs, truth: new Map(cases.map((one, index) => [index + 1, one.story])) };
}
