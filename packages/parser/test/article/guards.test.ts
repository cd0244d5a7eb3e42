import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/article/extract-article.js';
import { DEFAULT_MAX_DEPTH } from '../../src/article/extract-options.js';

const STORY = [
  'The regional transport authority approved a new timetable on Monday that adds late-night trains on the coastal line for the first time in a decade.',
  'Passenger groups had asked for the change for years, arguing that workers on evening shifts at the port had no way home after ten o’clock.',
  'The first late services run from the start of next month, with a review of passenger numbers planned after six months of operation.',
];
const URL = 'https://transit.example/news/2024/04/02/late-trains';

function storyParagraphs(): string {
  return STORY.map((paragraph) => `<p>${paragraph}</p>`).join('');
}

describe('pathological pages', () => {
  it('a page nested far deeper than maxDepth still gives the article, with a warning', async () => {
    const depth = 20_000;
    const html = `<html><body>${'<div>'.repeat(depth)}${storyParagraphs()}${'</div>'.repeat(depth)}</body></html>`;
    const article = await extractArticle(html, { url: URL });
    expect(article?.paragraphs).toEqual(STORY);
    expect(article?.warnings.map((warning) => warning.code)).toContain('PAGE_TOO_COMPLEX');
    expect(article?.warnings[0]?.message).toContain(`maxDepth ${DEFAULT_MAX_DEPTH}`);
  });

  it('a page with more elements than maxElements falls back to the densest block', async () => {
    const noise = '<span>x</span>'.repeat(5_000);
    const html = `<html><body><div class="grid">${noise}</div><div class="story">${storyParagraphs()}</div></body></html>`;
    const article = await extractArticle(html, { url: URL, maxElements: 1_000 });
    expect(article?.paragraphs).toEqual(STORY);
    expect(article?.warnings[0]).toMatchObject({ code: 'PAGE_TOO_COMPLEX' });
    expect(article?.warnings[0]?.message).toContain('maxElements 1000');
  });

  it('an exhausted time budget also falls back, with a warning', async () => {
    const html = `<html><body><article>${storyParagraphs()}</article></body></html>`;
    const article = await extractArticle(html, { url: URL, timeBudgetMs: 0 });
    expect(article?.paragraphs).toEqual(STORY);
    expect(article?.warnings[0]?.message).toContain('timeBudgetMs 0');
  });

  it('the same page within the limits goes through Readability without warnings', async () => {
    const html = `<html><body><article>${storyParagraphs()}</article></body></html>`;
    const article = await extractArticle(html, { url: URL });
    expect(article?.paragraphs).toEqual(STORY);
    expect(article?.warnings).toEqual([]);
  });
});
