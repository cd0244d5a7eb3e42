import { describe, expect, it } from 'vitest';
import { ArticleExtractionError } from '../../src/article/article-error.js';
import { extractArticle } from '../../src/article/extract-article.js';
import { fixtureBytes, fixtureHtml } from './fixtures.js';

const NEWS_URL = 'https://www.coastalcourier.example/news/2024/03/05/harbour-bridge-reopens?utm_source=feed';

describe('extractArticle on a full news page', async () => {
  const article = await extractArticle(fixtureHtml('news-article.html'), { url: NEWS_URL });

  it('finds the article and its metadata', () => {
    expect(article).not.toBeNull();
    expect(article?.title).toBe('Harbour bridge reopens after two-year repair');
    expect(article?.byline).toBe('Maria Lopes, Tom Aldridge');
    expect(article?.siteName).toBe('The Coastal Courier');
    expect(article?.canonicalUrl).toBe(
      'https://www.coastalcourier.example/news/2024/03/05/harbour-bridge-reopens',
    );
    expect(article?.url).toBe(NEWS_URL);
    expect(article?.language).toBe('en');
    expect(article?.leadImageUrl).toBe('https://www.coastalcourier.example/images/bridge-1200.jpg');
    expect(article?.excerpt).toMatch(/^The Eastport harbour bridge carries traffic again/);
  });

  it('keeps every paragraph of the story, one per block, without gluing', () => {
    const paragraphs = article?.paragraphs ?? [];
    expect(paragraphs[0]).toMatch(/^The Eastport harbour bridge reopened to traffic on Tuesday morning/);
    expect(paragraphs).toContain('Traders relieved');
    expect(paragraphs.at(-1)).toMatch(/^A weight limit of 7\.5 tonnes/);
    expect(paragraphs).toHaveLength(7);
    expect(article?.text).toBe(paragraphs.join('\n\n'));
    expect(article?.text).not.toMatch(/industrial estate\.The first/);
  });

  it('drops the page furniture and the boilerplate inside the body', () => {
    const text = article?.text ?? '';
    for (const boilerplate of [
      'We use cookies',
      'Share on Facebook',
      'Photo: Coastal Courier',
      'Advertisement',
      'Read more',
      'Sign up for our free morning briefing',
      'Related stories',
      'Council approves extra repair budget',
      'Tags:',
      'covers transport and local government',
      'About time too',
      'Storm warning',
      'All rights reserved',
      'Harbour bridge reopens after two-year repair',
    ]) {
      expect(text, boilerplate).not.toContain(boilerplate);
    }
    expect(article?.removed).toContain('Advertisement');
    expect(article?.removed.some((line) => line.startsWith('Read more'))).toBe(true);
  });

  it('sanitizes the HTML and resolves its links', () => {
    const html = article?.contentHtml ?? '';
    expect(html).toContain('<p>The Eastport harbour bridge reopened');
    expect(html).not.toMatch(/<script|<style|class=|onclick/i);
  });

  it('derives the shared fields', () => {
    expect(article?.wordCount).toBeGreaterThan(200);
    expect(article?.readingTimeMinutes).toBeGreaterThanOrEqual(1);
    expect(article?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(article?.simhash).toMatch(/^[0-9a-f]{16}$/);
    expect(article?.warnings).toEqual([]);
  });
});

describe('extractArticle input handling', () => {
  it('decodes bytes by the <meta> charset (windows-1251)', async () => {
    const article = await extractArticle(fixtureBytes('windows-1251.html'), {
      url: 'https://pogoda.example/news/zima',
    });
    expect(article?.title).toBe('Зима пришла раньше срока');
    expect(article?.paragraphs[0]).toMatch(/^Первый снег выпал в городе/);
    expect(article?.language).toBe('ru');
  });

  it('lets the Content-Type charset override the page', async () => {
    const bytes = new Uint8Array(
      Buffer.from(fixtureHtml('og-only-article.html').replace('charset="utf-8"', 'charset="koi8-r"')),
    );
    const article = await extractArticle(bytes, {
      url: 'https://fieldnotes.example/stories/drought-wheat',
      contentType: 'text/html; charset=UTF-8',
    });
    expect(article?.paragraphs[0]).toMatch(/^Researchers at an agricultural institute/);
  });

  it('answers null, not an error, for empty or garbage input', async () => {
    const url = 'https://example.com/a/story';
    expect(await extractArticle('', { url })).toBeNull();
    expect(await extractArticle('<<<>>>&&&', { url })).toBeNull();
    expect(await extractArticle('<html><body><p>Too short.</p></body></html>', { url })).toBeNull();
  });

  it('rejects binary data with a typed error naming the URL', async () => {
    const url = 'https://example.com/a/photo.jpg';
    const random = new Uint8Array(4096).map((_, index) => (index * 7919) % 256);
    const error = await extractArticle(random, { url }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ArticleExtractionError);
    expect(error).toMatchObject({ code: 'ARTICLE_BINARY_INPUT', url });
  });

  it('throws a typed error for input that is neither text nor bytes', async () => {
    const error = await extractArticle(42 as unknown as string, { url: 'https://example.com/x' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ArticleExtractionError);
    expect(error).toMatchObject({ code: 'ARTICLE_INPUT_INVALID' });
    expect((error as Error).message).toContain('https://example.com/x');
  });
});
