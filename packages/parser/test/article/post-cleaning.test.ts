import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/article/extract-article.js';
import { fixtureHtml } from './fixtures.js';

const URL = 'https://metro.example/news/2024/05/02/tram-line';
const PARAGRAPHS = [
  'The city council approved the second tram line on Thursday after a debate that ran past midnight and ended with a narrow majority of three votes.',
  'Construction is due to start next spring, with the first section between the station and the university opening about two years later if the budget holds.',
  'Opponents said the money would be better spent on buses, which can be rerouted as the city changes, and promised to take the decision to a referendum.',
  'Supporters pointed to the first line, which carries twice the passengers forecast when it was built and has pushed new housing along its route.',
];
const story = PARAGRAPHS.map((text) => `<p>${text}</p>`).join('\n');
const asParagraphs = (texts: string[]) => texts.map((text) => `<p>${text}</p>`).join('');
/** A page whose <article> holds the story with `inserted` between its second and third paragraphs. */
const storyAround = (inserted: string) =>
  `<html><body><article>${asParagraphs(PARAGRAPHS.slice(0, 2))}${inserted}${asParagraphs(PARAGRAPHS.slice(2))}</article></body></html>`;

describe('post-cleaning of the chosen body', () => {
  it('keeps the dominant <article> and drops the teaser river after it', async () => {
    const teasers = Array.from(
      { length: 12 },
      (_, index) =>
        `<article class="teaser"><h3><a href="/s/${index}">Other story number ${index} about the city</a></h3><p>A short summary of another story that the site wants you to read next, number ${index}.</p></article>`,
    ).join('');
    const html = `<html><body><div class="page"><section><article class="story">${story}</article></section>
      <div class="signup"><h3>Want more stories like this?</h3><p>Every day we send an email with the top stories.</p></div>
      <section>${teasers}</section></div></body></html>`;
    const article = await extractArticle(html, { url: URL });
    expect(article?.paragraphs).toEqual(PARAGRAPHS);
    expect(article?.removed.some((line) => line.includes('Other story number 3'))).toBe(true);
  });

  it('keeps an embedded post the article quotes, even in a "social" wrapper', async () => {
    const tweet = `<div class="social-media-embed"><blockquote class="twitter-tweet"><p lang="en">The new tram line is finally happening, and about time too! <a href="https://t.co/x">https://t.co/x</a></p>— Rider (@rider) <a href="https://twitter.com/rider/status/1">May 2, 2024</a></blockquote></div>`;
    const article = await extractArticle(storyAround(tweet), { url: URL });
    expect(article?.text).toContain('The new tram line is finally happening, and about time too!');
  });

  it('drops a "You may also like" section at the end, captions, credits and bylines', async () => {
    const html = `<html><body><article>
      <p>By Jane Roe - 05/02/24 11:04 PM EST</p>
      <figure><img src="/t.jpg"><figcaption>The tram depot on Thursday. (Photo: Metro Daily)</figcaption></figure>
      ${story}
      <p>Image copyright Getty Images</p>
      <h3>You may also like</h3>
      <p><a href="/a">Bus fares to rise in June across the whole network</a></p>
      <p><a href="/b">Bridge works close the ring road for the weekend</a></p>
    </article></body></html>`;
    const article = await extractArticle(html, { url: URL });
    expect(article?.paragraphs).toEqual(PARAGRAPHS);
    expect(article?.removed).toEqual(
      expect.arrayContaining([
        'By Jane Roe - 05/02/24 11:04 PM EST',
        'Image copyright Getty Images',
        'You may also like',
      ]),
    );
  });
});

describe('post-cleaning with the scraped-text line evidence', () => {
  const FURNITURE = [
    'Home » World » Europe',
    'Connect with us',
    'Share this article',
    'Advertisement',
    'Read more: Antwerp terminals brace for diverted cargo',
    'Follow us on Facebook | Twitter | Instagram',
    'Source link',
    'The post Port workers end strike after pay deal appeared first on Harbour Courier.',
    '© 2026 Harbour Courier. All rights reserved.',
  ];

  it('drops the boilerplate lines a republished wire story carries, and records them', async () => {
    const article = await extractArticle(fixtureHtml('republished-wire-story.html'), {
      url: 'https://harbour-courier.example/world/port-strike',
    });
    expect(article).not.toBeNull();
    for (const line of FURNITURE) {
      expect(article?.paragraphs).not.toContain(line);
      expect(article?.removed).toContain(line);
    }
    // Short real sentences and table data stay.
    expect(article?.paragraphs).toEqual(
      expect.arrayContaining([
        'Work resumes Thursday.',
        'The operators declined to comment.',
        '4.5%',
        '2027',
      ]),
    );
    expect(article?.paragraphs[0]).toMatch(/^ROTTERDAM \(AFP\) – Dock workers/);
    expect(article?.wire).toBe('AFP');
  });

  it.each([
    ['Connect with us'],
    ['Source link'],
    ['Continue reading'],
    ['Related posts:'],
    ['Tags: strike, ports, Rotterdam'],
    ['Loading...'],
    ['Subscribe to our newsletter'],
    ['News | Sport | Business | Culture'],
    ['Home › World › Europe'],
    ['The post Bridge reopens appeared first on City Times.'],
  ])('drops a standalone "%s" block between paragraphs', async (line) => {
    const article = await extractArticle(storyAround(`<p>${line}</p>`), { url: URL });
    expect(article?.paragraphs).toEqual(PARAGRAPHS);
    expect(article?.removed).toContain(line);
  });

  it.each([
    ['He declined to comment.'],
    ['Read the full decision here, the mayor told reporters on Friday, before walking out.'],
    ['Subscribers will get the new timetable by post next week.'],
    ['Advertising revenue fell by a third.'],
    ['The vote is on Friday.'],
    ['https://example.org/report-2025.pdf'],
    ['* * *'],
  ])('keeps the short prose, reference or separator "%s"', async (line) => {
    const article = await extractArticle(storyAround(`<p>${line}</p>`), { url: URL });
    expect(article?.paragraphs).toContain(line);
  });

  it('drops the teasers under a recirculation heading in the tail, linked or not', async () => {
    const teasers = [1, 2, 3]
      .map(
        (index) =>
          `<div><a href="/s/${index}">Other story number ${index} about the city</a></div><p>A short summary of story ${index}.</p>`,
      )
      .join('');
    for (const heading of ['Recommended reading', 'You may also like...']) {
      const html = `<html><body><article>${story}<h3>${heading}</h3>${teasers}</article></body></html>`;
      const article = await extractArticle(html, { url: URL });
      expect(article?.paragraphs, heading).toEqual(PARAGRAPHS);
    }
  });

  it('keeps the story that resumes after a "Don\'t miss" box near its end', async () => {
    const box = `<p><strong>DON'T MISS</strong></p><p><a href="/a">Mayor defends the tram budget</a> [INSIGHT]<br><a href="/b">Bus routes to change in June</a> [LATEST]</p>`;
    const ending = [
      'The council will publish the full timetable for the works in the autumn, once the contracts are signed.',
      'Residents can comment on the route at three public meetings in the town hall over the summer.',
    ];
    const html = `<html><body><article>${story}${box}${ending.map((text) => `<p>${text}</p>`).join('')}</article></body></html>`;
    const article = await extractArticle(html, { url: URL });
    expect(article?.paragraphs).toEqual([...PARAGRAPHS, ...ending]);
  });
});
