import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'cheerio/slim';
import { afterAll, describe, expect, it } from 'vitest';
import { capHtmlNesting } from '../../src/article/cap-html-nesting.js';
import { extractArticle } from '../../src/article/extract-article.js';
import {
  DEFAULT_MAX_READABILITY_CHARS,
  DEFAULT_MAX_READABILITY_COST,
  DEFAULT_MAX_TEXT_CHARS,
} from '../../src/article/extract-options.js';
import { walkElements } from '../../src/article/page-walk.js';

// Pages built to exhaust the worker (issue 16 items 2, 3, 8): extraction stays within its caps,
// says what it simplified, and no URL it reports is anything but http(s).

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const URL = 'https://news.example/2024/05/01/story';
const STORY = [
  'The regional transport authority approved a new timetable on Monday that adds late-night trains on the coastal line for the first time in a decade.',
  'Passenger groups had asked for the change for years, arguing that workers on evening shifts at the port had no way home after ten o’clock.',
  'The first late services run from the start of next month, with a review of passenger numbers planned after six months of operation.',
];
const storyHtml = () => STORY.map((paragraph) => `<p>${paragraph}</p>`).join('');

/** A long plain page: `count` paragraphs of about 250 characters. */
function plainParagraphs(count: number): string {
  const paragraphs = Array.from(
    { length: count },
    (_, index) =>
      `<p>Paragraph ${index} of a long report: the committee heard evidence from residents, officials and engineers about the state of the bridge, its repairs and the cost of closing it for a year, and what the town would do meanwhile.</p>`,
  );
  return `<!DOCTYPE html><html><head><title>Long</title></head><body><article>${paragraphs.join('\n')}</article></body></html>`;
}

const workDir = mkdtempSync(path.join(tmpdir(), 'hostile-pages-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('deep nesting', () => {
  it('capHtmlNesting removes the tags past the cap and keeps text and paragraphs', () => {
    const html = `<html><body>${'<div>'.repeat(50_000)}${storyHtml()}${'</div>'.repeat(50_000)}</body></html>`;
    const capped = capHtmlNesting(html, 400);
    expect(capped?.removed).toBe(2 * (50_000 - 400));
    const $ = load(capped!.html);
    expect(walkElements($.root()[0]!, () => true).maxDepth).toBeLessThanOrEqual(403);
    expect(
      $('p')
        .map((_, element) => $(element).text())
        .get(),
    ).toEqual(STORY);
  });

  it('capHtmlNesting leaves ordinary pages alone, unclosed paragraphs and scripts included', () => {
    const paragraphs = '<p>text'.repeat(1_000);
    const script = `<script>${'<div>'.repeat(1_000)}</script>`;
    expect(capHtmlNesting(`<html><body><div>${paragraphs}</div>${script}</body></html>`, 400)).toBeNull();
  });

  it('a page of 50,000 nested divs is flattened before parsing and gives its article', async () => {
    const html = `<html><body>${'<div>'.repeat(50_000)}${storyHtml()}${'</div>'.repeat(50_000)}</body></html>`;
    const article = await extractArticle(html, { url: URL });
    expect(article?.paragraphs).toEqual(STORY);
    expect(article?.warnings[0]?.message).toContain(`${2 * (50_000 - 400)} tags removed`);
  });
  it('a long text nested just under maxDepth skips Readability (its cost is text times depth)', async () => {
    const paragraphs = Array.from({ length: 15 }, () => storyHtml()).join('');
    const html = `<html><body>${'<div>'.repeat(390)}${paragraphs}${'</div>'.repeat(390)}</body></html>`;
    const article = await extractArticle(html, { url: URL });
    expect(article?.paragraphs).toHaveLength(45);
    expect(article?.warnings[0]?.message).toContain(`maxReadabilityCost ${DEFAULT_MAX_READABILITY_COST}`);
  });
});

describe('time budget', () => {
  it('a spent budget reads metadata from <head> only and skips Readability', async () => {
    const html = `<html><head><title>Late trains</title></head><body><h1>Body heading</h1><article>${storyHtml()}</article></body></html>`;
    const article = await extractArticle(html, { url: URL, timeBudgetMs: 0 });
    expect(article?.paragraphs).toEqual(STORY);
    expect(article?.warnings.map((warning) => warning.code)).toEqual(['PAGE_TOO_COMPLEX']);
    expect(article?.warnings[0]?.message).toContain('timeBudgetMs 0');
  });
});

describe('large pages', () => {
  it('a page over maxReadabilityChars takes the simpler extraction', async () => {
    const article = await extractArticle(plainParagraphs(100), { url: URL, maxReadabilityChars: 10_000 });
    expect(article?.paragraphs).toHaveLength(100);
    expect(article?.warnings[0]?.message).toContain('maxReadabilityChars 10000');
  });

  it('text past maxTextChars is dropped paragraph by paragraph, with a warning', async () => {
    const article = await extractArticle(plainParagraphs(100), { url: URL, maxTextChars: 5_000 });
    expect(article!.text.length).toBeLessThanOrEqual(5_000);
    expect(article!.paragraphs.length).toBeLessThan(100);
    expect(article!.warnings.map((warning) => warning.code)).toContain('TEXT_TRUNCATED');
  });

  it('a 2.5 MB page of 10,000 paragraphs is extracted under the worker heap cap (160 MB)', () => {
    const page = path.join(workDir, 'paragraphs.html');
    writeFileSync(page, plainParagraphs(10_000));
    const script = `
      import { readFileSync } from 'node:fs';
      import { extractArticle } from ${JSON.stringify(path.join(PACKAGE_DIR, 'dist/index.js'))};
      const article = await extractArticle(readFileSync(process.argv[1]), { url: ${JSON.stringify(URL)} });
      console.log(JSON.stringify({ chars: article.text.length, codes: article.warnings.map((w) => w.code) }));`;
    const output = execFileSync(
      process.execPath,
      ['--max-old-space-size=160', '--input-type=module', '-e', script, page],
      {
        encoding: 'utf8',
      },
    );
    const result = JSON.parse(output) as { chars: number; codes: string[] };
    expect(result.chars).toBeGreaterThan(DEFAULT_MAX_TEXT_CHARS / 2);
    expect(result.chars).toBeLessThanOrEqual(DEFAULT_MAX_TEXT_CHARS);
    expect(result.codes).toEqual(['PAGE_TOO_COMPLEX', 'TEXT_TRUNCATED']);
    expect(DEFAULT_MAX_READABILITY_CHARS).toBeLessThan(2_500_000);
  });
});

describe('URL policy', () => {
  it('drops javascript: images and canonical links, keeping the first safe image', async () => {
    const html = `<html><head><title>Late trains</title>
      <meta property="og:image" content="javascript:alert(1)">
      <link rel="canonical" href="javascript:alert(2)">
      <script type="application/ld+json">{"@type":"NewsArticle","headline":"Late trains","image":"https://news.example/pic.jpg"}</script>
      </head><body><article>${storyHtml()}</article></body></html>`;
    const article = await extractArticle(html, { url: URL });
    expect(article?.leadImageUrl).toBe('https://news.example/pic.jpg');
    expect(article?.canonicalUrl).toBe(URL);
    expect(article?.warnings.filter((warning) => warning.code === 'URL_DROPPED')).toHaveLength(2);
  });

  it('drops a data: twitter:image when nothing else is declared', async () => {
    const html = `<html><head><meta name="twitter:image" content="data:text/html,<script>alert(1)</script>"></head>
      <body><article>${storyHtml()}</article></body></html>`;
    const article = await extractArticle(html, { url: URL });
    expect(article?.leadImageUrl).toBeNull();
  });
});
