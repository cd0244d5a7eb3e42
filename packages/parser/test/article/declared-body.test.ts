import { describe, expect, it } from 'vitest';
import { undeclaredBlocks } from '../../src/article/declared-body.js';
import { extractArticle } from '../../src/article/extract-article.js';

const URL = 'https://riverside-post.example/news/2024/04/09/ferry-service';
const PARAGRAPHS = [
  'The ferry between Riverside and the island will run every half hour from May, the operator said on Tuesday, doubling the service it has offered since the pier was rebuilt.',
  'Two new boats, each carrying up to three hundred passengers and forty cars, arrive from the shipyard next month and will be tested on the crossing before they enter service.',
  'Islanders have campaigned for more crossings for a decade, saying the hourly timetable made it hard to commute to jobs on the mainland or to reach the hospital for early appointments.',
  'Fares will stay at their current level until the end of the year, after which the operator and the county council will review them together with the new timetable.',
];
const PROMO =
  'Our reporters cover the county every day: tell us about the stories that matter where you live';
const CAPTION = 'One of the new boats on its sea trials near the shipyard last month';

const page = (declared: string) =>
  `<html><head><script type="application/ld+json">${JSON.stringify({
    '@type': 'NewsArticle',
    headline: 'Ferry to run every half hour',
    articleBody: declared,
  })}</script></head><body><article>${PARAGRAPHS.slice(0, 2)
    .map((text) => `<p>${text}</p>`)
    .join('')}<div class="pic"><p>${CAPTION}</p></div>${PARAGRAPHS.slice(2)
    .map((text) => `<p>${text}</p>`)
    .join('')}<p>${PROMO}</p></article></body></html>`;

describe("the publisher's declared articleBody", () => {
  it('drops the blocks it leaves out when it is the whole story', async () => {
    const article = await extractArticle(page(PARAGRAPHS.join('\n\n')), { url: URL });
    expect(article?.paragraphs).toEqual(PARAGRAPHS);
    expect(article?.removed).toEqual(expect.arrayContaining([PROMO, CAPTION]));
  });

  it('is ignored when it is only the opening (a teaser), or another text', async () => {
    for (const declared of [PARAGRAPHS[0]!, 'A completely different text. '.repeat(30)]) {
      const article = await extractArticle(page(declared), { url: URL });
      expect(article?.text).toContain(PROMO);
    }
  });

  it('keeps a block that shares most of its words with the declaration', () => {
    const declared = PARAGRAPHS.join(' ');
    const reworded = PARAGRAPHS[1]!.replace('next month', 'in May');
    expect(undeclaredBlocks([PARAGRAPHS[0]!, reworded, ...PARAGRAPHS.slice(2), PROMO], declared)).toEqual([
      false,
      false,
      false,
      false,
      true,
    ]);
  });
});
