import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/article/extract-article.js';
import { fixtureHtml } from './fixtures.js';

describe('pages without an article give null', () => {
  it('a home page (the site root, declaring no article)', async () => {
    expect(
      await extractArticle(fixtureHtml('home-page.html'), { url: 'https://www.coastalcourier.example/' }),
    ).toBeNull();
  });

  it('a login wall', async () => {
    const url = 'https://ledger.example/markets/2024/03/05/rates-decision';
    expect(await extractArticle(fixtureHtml('login-wall.html'), { url })).toBeNull();
  });

  it('an error page', async () => {
    const url = 'https://www.coastalcourier.example/news/2024/03/05/missing-story';
    expect(await extractArticle(fixtureHtml('error-page.html'), { url })).toBeNull();
  });

  it('but an article at a site root is still an article when the page declares one', async () => {
    const html = fixtureHtml('og-only-article.html');
    expect(await extractArticle(html, { url: 'https://fieldnotes.example/' })).not.toBeNull();
  });

  it('and an article that mentions "404" or "sign in" is not mistaken for those pages', async () => {
    const html = fixtureHtml('news-article.html')
      .replace('<title>', '<title>404 reasons the bridge stayed shut: ')
      .replace('</article>', '<p>Please sign in to comment.</p></article>');
    const article = await extractArticle(html, { url: 'https://www.coastalcourier.example/news/bridge' });
    expect(article?.paragraphs.length).toBeGreaterThan(5);
  });

  it('a short article with a login box in its header is returned, with a warning', async () => {
    const url = 'https://millbrook.example/news/2024/03/05/library-hours';
    const article = await extractArticle(fixtureHtml('login-box-short-article.html'), { url });
    expect(article?.paragraphs[0]).toMatch(/^The Millbrook public library will stay open/);
    expect(article?.paragraphs).toHaveLength(3);
    expect(article?.text).not.toMatch(/password|log in again/i);
    expect(article?.warnings.map((warning) => warning.code)).toContain('POSSIBLE_LOGIN_WALL');
  });

  it('a blog showing one post at its site root is returned, with a warning', async () => {
    const article = await extractArticle(fixtureHtml('blog-at-site-root.html'), {
      url: 'https://allotment.example/',
    });
    expect(article?.paragraphs).toHaveLength(4);
    expect(article?.paragraphs[0]).toMatch(/^Every autumn I leave a few/);
    expect(article?.warnings.map((warning) => warning.code)).toContain('POSSIBLE_HOME_PAGE');
  });

  it('a page whose chosen body comes out nearly empty gives its densest block, with a warning', async () => {
    const paragraphs = [
      'The county opened its new water treatment plant on Monday, two years after a boil-water notice left forty thousand homes without safe tap water for a week.',
      'The plant filters water from the reservoir through beds of sand and activated carbon, and engineers say it can treat twice the volume of the plant it replaces.',
      'Residents in the northern villages, who were hit hardest by the notice, will be connected first, with the rest of the county following by the end of the year.',
    ];
    // Every paragraph is named like a caption, which post-cleaning drops.
    const html = `<html><body><div class="story">${paragraphs.map((text) => `<p class="text-caption">${text}</p>`).join('')}</div></body></html>`;
    const article = await extractArticle(html, { url: 'https://valley-tribune.example/news/water-plant' });
    expect(article?.paragraphs).toEqual(paragraphs);
    expect(article?.warnings.map((warning) => warning.code)).toEqual(['DENSEST_BLOCK_FALLBACK']);
  });
});
