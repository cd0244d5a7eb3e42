import { describe, expect, it } from 'vitest';
import { classWordMatcher } from '../../src/article/class-words.js';
import { extractArticle } from '../../src/article/extract-article.js';
import { fixtureHtml } from './fixtures.js';

describe('class and id words', () => {
  const matches = classWordMatcher(['share', 'comments', 'ad-slot', 'widget'], ['widget']);

  it('match a whole token or either end of a compound token', () => {
    for (const names of [
      'share',
      'social-share',
      'share-bar',
      'post_comments',
      'comments-area',
      'top-ad-slot',
    ])
      expect(matches(names), names).toBe(true);
  });

  it('not a word inside a longer word, nor the middle of a namespaced name', () => {
    for (const names of ['shareholder', 'x-share-y', 'commentsy', 'elementor-widget-share-buttons-wrap'])
      expect(matches(names), names).toBe(false);
  });

  it("a page builder's component word only as a whole token", () => {
    expect(matches('widget widget_text')).toBe(true);
    expect(matches('elementor-element elementor-widget elementor-widget-text-editor')).toBe(false);
    expect(matches('elementor-widget-container')).toBe(false);
  });
});

describe('articles laid out by page builders and print wrappers', () => {
  it('an Elementor post keeps the text of every text widget', async () => {
    const article = await extractArticle(fixtureHtml('elementor-article.html'), {
      url: 'https://crumbandco.example/blog/heritage-flour/',
    });
    expect(article?.paragraphs).toEqual([
      expect.stringMatching(/^Two years ago we started baking/),
      expect.stringMatching(/^Heritage wheats are taller/),
      'What changed in the bakehouse',
      expect.stringMatching(/^The biggest change is time/),
      expect.stringMatching(/^Customers noticed/),
      expect.stringMatching(/^We are now talking to a fourth farm/),
    ]);
  });

  it('a story wrapped in a print-only block is still the story', async () => {
    const article = await extractArticle(fixtureHtml('print-only-article.html'), {
      url: 'https://harbourside.example/news/2024/03/07/cycle-lanes',
    });
    expect(article?.paragraphs.at(0)).toMatch(/^Harbourside council on Thursday approved/);
    expect(article?.paragraphs.at(-1)).toMatch(/^Work is due to start in the spring/);
  });
});
