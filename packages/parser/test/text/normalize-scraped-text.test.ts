import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeScrapedText, ScrapedTextError, simhash } from '../../src/text/index.js';

const STORY = [
  'Home » News',
  'Harbour bridge to close for repairs',
  'The harbour bridge will close to traffic for six weeks from Monday while engineers replace its expansion joints, the city said.',
  'Buses will be diverted through the tunnel, adding about ten minutes to journeys.',
  'Read more »',
].join('\n');

describe('normalizeScrapedText', () => {
  it('returns a complete Article', () => {
    const article = normalizeScrapedText(STORY, { url: 'https://Example.com/bridge?utm_medium=rss#top' });
    expect(article).toMatchObject({
      url: 'https://Example.com/bridge?utm_medium=rss#top',
      canonicalUrl: 'https://example.com/bridge',
      title: 'Harbour bridge to close for repairs',
      language: 'en',
      // "Read more »" on its own line after a finished story links to the original: furniture.
      truncated: false,
      removed: ['Home » News', 'Read more »'],
      leadImageUrl: null,
    });
    expect(article.paragraphs).toHaveLength(2);
    expect(article.contentHtml).toBe(article.paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('\n'));
    expect(article.simhash).toBe(simhash(article.text));
  });

  it('calls a story cut only when its text is: a link line after it is furniture', () => {
    const whole = normalizeScrapedText(`${STORY}\nContinue reading`);
    expect(whole.truncated).toBe(false);
    expect(whole.removed).toContain('Continue reading');
    const cut = normalizeScrapedText(
      STORY.replace('about ten minutes to journeys.', 'about ten minutes to…'),
    );
    expect(cut.truncated).toBe(true);
  });

  it.each([
    'Emirates inks $9 billion order for 30 Boeing 787 jets, will restart plans to expand the airline by early 2020s',
    'South Dakota doubles down on its anti-drug slogan. It just might work.',
    'Video shows the dramatic rescue of a kidnapped girl:',
  ])('takes a headline standing alone above a glued story as the title: %s', (headline) => {
    const story = [
      'The carrier finalized a deal to buy 30 jets, executives of both companies said on Wednesday.',
      'The deal cuts a prior order for larger jets by 30 to 126, under its substitution rights.',
      'The larger jet program has faced delays due to engine problems and other technical issues.',
    ];
    const article = normalizeScrapedText(
      `Sign up for our newsletter\n\nTrending Now\n\n\n${headline}\n\n\n\n${story.join('')}\n\nRead More`,
    );
    expect(article.title).toBe(headline);
    expect(article.paragraphs).toEqual(story);
  });

  it('uses a given title instead of guessing one', () => {
    const article = normalizeScrapedText(STORY, { title: 'Bridge closure' });
    expect(article.title).toBe('Bridge closure');
    // With the title known, the headline line above the story is furniture like the rest.
    expect(article.removed).toContain('Harbour bridge to close for repairs');
  });

  it('escapes HTML in contentHtml and marks subheadings', () => {
    const article = normalizeScrapedText(
      [
        'The council approved the <budget> & the plan for "new" housing on Monday evening.',
        'What happens next',
        'Construction is expected to begin in the spring, officials said on Tuesday.',
      ].join('\n'),
    );
    expect(article.contentHtml).toBe(
      [
        '<p>The council approved the &lt;budget&gt; &amp; the plan for &quot;new&quot; housing on Monday evening.</p>',
        '<h2>What happens next</h2>',
        '<p>Construction is expected to begin in the spring, officials said on Tuesday.</p>',
      ].join('\n'),
    );
  });

  it('keeps a long list that follows the prose, and short lines a list repeats', () => {
    const recipe = [
      'Quick lentil soup for busy weeknights',
      'This soup takes twenty minutes and uses what most kitchens already have on the shelf.',
      '1 cup red lentils, rinsed',
      '1 onion, chopped',
      '2 carrots, diced',
      '1 litre vegetable stock',
      'Stir well',
      'Simmer the lentils and vegetables for 15 minutes',
      'Stir well',
      'Season with salt, pepper and a squeeze of lemon',
    ];
    const article = normalizeScrapedText(recipe.join('\n'));
    expect(article.paragraphs).toEqual(recipe.slice(1));
    expect(article.removed).toEqual([]);
  });

  it('drops a repeated paragraph', () => {
    const paragraph = 'The harbour bridge will close to traffic for six weeks from Monday, the city said.';
    const article = normalizeScrapedText(
      [paragraph, 'Buses will be diverted through the tunnel.', paragraph].join('\n'),
    );
    expect(article.paragraphs).toHaveLength(2);
    expect(article.removed).toEqual([paragraph]);
  });

  it('bounds the input it reads', () => {
    const article = normalizeScrapedText(`${STORY}\n${'x'.repeat(200)}`, { maxInputChars: 100 });
    expect(article.warnings).toContainEqual(expect.objectContaining({ code: 'INPUT_TOO_LARGE' }));
  });

  it('records a URL it cannot canonicalize', () => {
    const article = normalizeScrapedText(STORY, { url: 'not a url' });
    expect(article.canonicalUrl).toBeNull();
    expect(article.warnings).toContainEqual(expect.objectContaining({ code: 'INVALID_URL' }));
  });

  it('handles empty and furniture-only input without crashing', () => {
    expect(normalizeScrapedText('')).toMatchObject({ text: '', paragraphs: [], wordCount: 0, title: null });
    const furniture = normalizeScrapedText('Share this\nFollow us\nAdvertisement');
    expect(furniture.paragraphs).toEqual([]);
    expect(furniture.removed).toEqual(['Share this', 'Follow us', 'Advertisement']);
    expect(furniture.warnings).toContainEqual(expect.objectContaining({ code: 'NO_STORY_TEXT' }));
  });

  it('rejects input that is not a string with a typed error', () => {
    expect(() => normalizeScrapedText(42 as unknown as string)).toThrow(ScrapedTextError);
  });

  it('never throws and keeps its invariants on arbitrary text', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 120 }),
      fc.constantFrom(
        'Share this',
        'Advertisement',
        'By Jane Doe',
        'January 5, 2022',
        'Home » World',
        '"',
        '…',
      ),
      fc.constant('The minister said on Monday.The plan was approved by the council in a late vote.'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const article = normalizeScrapedText(lines.join('\n'));
        expect(article.text).toBe(article.paragraphs.join('\n\n'));
        expect(article.simhash).toMatch(/^[0-9a-f]{16}$/);
        expect(article.contentHash).toMatch(/^[0-9a-f]{64}$/);
        for (const paragraph of article.paragraphs) expect(paragraph).toBe(paragraph.trim());
        expect(article.paragraphs).not.toContain('');
      }),
      { numRuns: 300 },
    );
  });

  it('is stable: normalizing its own text again keeps the paragraphs', () => {
    const article = normalizeScrapedText(STORY);
    expect(normalizeScrapedText(article.text, { title: article.title! }).paragraphs).toEqual(
      article.paragraphs,
    );
  });
});
