import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../src/search/query.js';
import { buildSnippet, SNIPPET_WORDS } from '../src/search/snippet.js';

describe('buildSnippet', () => {
  it('picks the stretch with the most matches, marks them, escapes the rest, and shows the cuts', () => {
    const filler = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    const text = `${filler} the <b>Café</b> & bar opened; cafés reopened. ${filler}`;
    const html = buildSnippet(text, parseSearchQuery('cafe* bar'));
    expect(html.startsWith('…')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
    expect(html).toContain(
      '&lt;b&gt;<mark>Café</mark>&lt;/b&gt; &amp; <mark>bar</mark> opened; <mark>cafés</mark>',
    );
    expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    expect(
      html
        .replace(/<[^>]+>|…/g, '')
        .split(/\s+/)
        .filter((w) => /\w/.test(w)).length,
    ).toBeLessThanOrEqual(SNIPPET_WORDS);
  });

  it('shows the start of a short text whole, with no ellipsis', () => {
    expect(buildSnippet('Short text about rates.', parseSearchQuery('rates'))).toBe(
      'Short text about <mark>rates</mark>.',
    );
    expect(buildSnippet('', parseSearchQuery('rates'))).toBe('');
  });

  it('reads words as search does: marks, letters outside the BMP, and folded forms belong to them', () => {
    const html = buildSnippet(
      'Cafe\u0301 in der Straße; 𝐀bc storm🙂STORM, not stormy.',
      parseSearchQuery('café strasse abc storm'),
    );
    expect(html).toBe(
      '<mark>Cafe\u0301</mark> in der <mark>Straße</mark>; <mark>𝐀bc</mark> <mark>storm</mark>🙂<mark>STORM</mark>, not stormy.',
    );
  });

  it('ends a cut stretch with the separator after its last word, then the ellipsis', () => {
    const words = Array.from({ length: SNIPPET_WORDS + 10 }, (_, i) => `w${i}`);
    const html = buildSnippet(`rates & ${words.join(' & ')}`, parseSearchQuery('rates'));
    expect(html).toBe(
      `<mark>rates</mark> &amp; ${words.slice(0, SNIPPET_WORDS - 1).join(' &amp; ')} &amp; …`,
    );
  });
});
