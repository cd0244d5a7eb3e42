import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/article/extract-article.js';
import { baseDomain, findSiteRule, type SiteRule } from '../../src/article/site-rules.js';

const RULES: SiteRule[] = [
  { domains: ['news.example.co.uk'], remove: ['.exact'] },
  { domains: ['example.co.uk'], remove: ['.base'] },
];

describe('site rules', () => {
  it('finds the base domain behind subdomains and two-label suffixes', () => {
    expect(baseDomain('www.news.bbc.co.uk')).toBe('bbc.co.uk');
    expect(baseDomain('www.example.com')).toBe('example.com');
    expect(baseDomain('localhost')).toBe('localhost');
    expect(baseDomain('127.0.0.1')).toBe('127.0.0.1');
  });

  it('looks a rule up by exact host first, then by base domain', () => {
    expect(findSiteRule('https://news.example.co.uk/a', RULES)?.remove).toEqual(['.exact']);
    expect(findSiteRule('https://www.example.co.uk/a', RULES)?.remove).toEqual(['.base']);
    expect(findSiteRule('https://other.example/a', RULES)).toBeNull();
    expect(findSiteRule('not a url', RULES)).toBeNull();
  });

  it('applies a rule’s removals and content selector during extraction', async () => {
    const paragraph = (text: string) =>
      `<p>${text} ${'The council published the figures on its website on Monday evening.'.repeat(2)}</p>`;
    const html = `<html><body><div class="story">${paragraph('First.')}<div class="promo-strip">${paragraph('Promo.')}</div>${paragraph('Second.')}</div>
      <div class="elsewhere">${paragraph('Sidebar.').repeat(4)}</div></body></html>`;
    const siteRules: SiteRule[] = [
      { domains: ['paper.example'], content: '.story', remove: ['.promo-strip'] },
    ];
    const article = await extractArticle(html, { url: 'https://www.paper.example/news/story', siteRules });
    expect(article?.paragraphs.map((text) => text.split(' ')[0])).toEqual(['First.', 'Second.']);
  });
});
