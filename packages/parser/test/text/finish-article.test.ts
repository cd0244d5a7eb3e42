import { describe, expect, it } from 'vitest';
import { type ArticleDraft, finishArticle } from '../../src/article/finish-article.js';
import { contentHash, simhash } from '../../src/text/index.js';

function draft(overrides: Partial<ArticleDraft> = {}): ArticleDraft {
  return {
    url: 'https://example.com/news/1',
    canonicalUrl: 'https://example.com/news/1',
    title: 'Talks set for January',
    byline: null,
    siteName: null,
    publishedAt: null,
    updatedAt: null,
    language: null,
    excerpt: null,
    leadImageUrl: null,
    contentHtml: '<p>…</p>',
    paragraphs: [
      'GENEVA (AFP) - The United States and Russia will hold talks on January 10, officials said on Monday.',
      '  The meeting is part of a dialogue launched by the two presidents.  ',
      '',
    ],
    removed: ['Share this'],
    warnings: [],
    ...overrides,
  };
}

describe('finishArticle', () => {
  it('derives text, counts, signatures, wire and language', () => {
    const article = finishArticle(draft());
    expect(article.paragraphs).toEqual([
      'GENEVA (AFP) - The United States and Russia will hold talks on January 10, officials said on Monday.',
      'The meeting is part of a dialogue launched by the two presidents.',
    ]);
    expect(article.text).toBe(article.paragraphs.join('\n\n'));
    expect(article.wordCount).toBe(29);
    expect(article.readingTimeMinutes).toBe(1);
    expect(article.wire).toBe('AFP');
    expect(article.language).toBe('en');
    expect(article.truncated).toBe(false);
    expect(article.contentHash).toBe(contentHash(article.text));
    expect(article.simhash).toBe(simhash(article.text));
    expect(article.excerpt).toBe(article.paragraphs[0]);
    expect(article.removed).toEqual(['Share this']);
    expect(article).not.toHaveProperty('wireEvidence');
  });

  it('keeps a declared language and excerpt', () => {
    const article = finishArticle(draft({ language: 'fr', excerpt: 'Declared.' }));
    expect(article.language).toBe('fr');
    expect(article.excerpt).toBe('Declared.');
  });

  it('takes truncation and wire evidence from what the extractor dropped', () => {
    const article = finishArticle(
      draft({
        paragraphs: ['The plan was approved by the council.'],
        truncated: true,
        wireEvidence: '© Reuters 2024',
      }),
    );
    expect(article.truncated).toBe(true);
    expect(article.wire).toBe('Reuters');
  });

  it('cuts a long excerpt at a sentence end', () => {
    const sentence = 'The council approved the plan after a long debate that lasted well into the night. ';
    const article = finishArticle(draft({ paragraphs: [sentence.repeat(6).trim()] }));
    expect(article.excerpt!.length).toBeLessThanOrEqual(300);
    expect(article.excerpt).toMatch(/night\.$/);
  });

  it('handles an empty draft', () => {
    const article = finishArticle(draft({ paragraphs: [] }));
    expect(article).toMatchObject({
      text: '',
      wordCount: 0,
      readingTimeMinutes: 0,
      excerpt: null,
      language: null,
    });
    expect(article.simhash).toBe('0000000000000000');
  });
});
