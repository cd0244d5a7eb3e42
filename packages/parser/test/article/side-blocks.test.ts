import { load } from 'cheerio/slim';
import { describe, expect, it } from 'vitest';
import { isContactList } from '../../src/article/contact-lists.js';
import { extractArticle } from '../../src/article/extract-article.js';

const URL = 'https://valley-tribune.example/news/2024/06/11/water-plant';
const PARAGRAPHS = [
  'The county opened its new water treatment plant on Monday, two years after a boil-water notice left forty thousand homes without safe tap water for a week.',
  'The plant filters water from the reservoir through beds of sand and activated carbon, and engineers say it can treat twice the volume of the plant it replaces.',
  'Residents in the northern villages, who were hit hardest by the notice, will be connected first, with the rest of the county following by the end of the year.',
];
const story = PARAGRAPHS.map((text) => `<p>${text}</p>`).join('\n');

const directoryRows = (rows: number) =>
  Array.from(
    { length: rows },
    (_, index) =>
      `<tr><td>Officer ${index}, Water Services, County Hall, Main Street, Valley Town, for billing, meters, leaks and new connections in the northern villages</td><td><a href="mailto:officer${index}@county.example">officer${index}@county.example</a></td><td>555-01${index}</td></tr>`,
  ).join('');

describe('side blocks are dropped by their structure', () => {
  it('a table of e-mail contacts is a directory, a table of figures is not', () => {
    const $ = load(
      `<table id="a">${directoryRows(6)}</table><table id="b"><tr><td>2023</td><td>41,000</td></tr><tr><td>2024</td><td>43,500</td></tr><tr><td>2025</td><td>44,100</td></tr></table>`,
    );
    expect(isContactList($('#a')[0]!)).toBe(true);
    expect(isContactList($('#b')[0]!)).toBe(false);
  });

  it('a contact directory beside a short story does not become the article', async () => {
    const html = `<html><body><div class="main"><h1>New water plant opens</h1>${story}</div>
      <div class="contacts"><h2>Who to contact</h2><table>${directoryRows(30)}</table></div></body></html>`;
    const article = await extractArticle(html, { url: URL });
    expect(article?.paragraphs).toEqual(PARAGRAPHS);
  });

  it('metering, paywall and login-box lines inside the story container go', async () => {
    const furniture = [
      'You have read 3 of your 5 free articles this month.',
      'Already a subscriber? Log in here.',
      'To continue reading, subscribe for unlimited access.',
      'Subscribe today: 12 months for just £29.',
      'Forgot your password? Reset it by e-mail.',
      'Unlimited digital access with our subscription for as little as $1 a week.',
      '[button link="https://valley-tribune.example/tips" size="big"]Send us your story[/button]',
    ];
    const html = `<html><body><article>${story}${furniture.map((line) => `<p>${line}</p>`).join('')}</article></body></html>`;
    const article = await extractArticle(html, { url: URL });
    expect(article?.paragraphs).toEqual(PARAGRAPHS);
  });
});
