import { describe, expect, it } from 'vitest';
import { matchBoilerplatePattern } from '../../src/text/boilerplate-patterns.js';
import { cleanLines, stripHtmlTags } from '../../src/text/clean-input.js';
import { lineEvidence } from '../../src/text/line-evidence.js';

describe('matchBoilerplatePattern', () => {
  it.each([
    ['Connect with us', 'follow-us'],
    ['Source link', 'source-link'],
    ['Share this article', 'share-label'],
    ['Facebook Twitter WhatsApp Email', 'social-buttons'],
    ['Follow us on Google News', 'follow-us'],
    ['Subscribe to our newsletter', 'subscribe'],
    ['Read more: Floods in Somalia force thousands from their homes', 'read-more'],
    ['Continue reading', 'read-more'],
    ['Advertisement', 'advertisement'],
    ['Story continues below advertisement', 'advertisement'],
    ['Related Posts', 'related-list'],
    ['You may also like', 'related-list'],
    ['Tags: Kenya, floods, El Niño', 'tags'],
    ['Filed under: Agriculture, Climate', 'tags'],
    ['The post Spain approves pilot appeared first on Euro Daily Digest.', 'post-appeared-first'],
    ['© 2024 Daily Globe Report. All rights reserved.', 'copyright'],
    ['Loading...', 'loading'],
    ['Leave a comment', 'comments'],
    ['12 Comments', 'comments'],
    ['Skip to content', 'site-chrome'],
    ['Photo: Jane Doe/AP', 'media-credit'],
    ['5 min read', 'reading-time'],
    ['Previous article', 'prev-next'],
    ['(Reporting by Alex Lawler; Editing by David Goodman)', 'credits'],
    ['Lesen Sie auch: Was Fahrgäste wissen müssen', 'read-more'],
    ['Publicité', 'advertisement'],
    ['Читайте также: Как изменится схема метро', 'read-more'],
    ['関連記事', 'cjk-furniture'],
    ['A password will be e-mailed to you.', 'account-chrome'],
    ['Welcome! Log into your account', 'account-chrome'],
    ['0 Shares', 'engagement'],
    ['1.2K views | 14 comments', 'engagement'],
    ['Updated 2 hours ago', 'engagement'],
    ['Advertisement - Scroll to continue', 'advertisement'],
    ['Source link: example.com/story', 'source-link'],
    ['Sebastian Castaneda/Reuters', 'media-credit'],
    ['Like this:', 'wordpress-chrome'],
    ['Your email address will not be published.', 'wordpress-chrome'],
    ['Leave a Reply Cancel reply', 'comments'],
    ['For the latest news, follow us on Twitter and Instagram', 'follow-us'],
    ['Around the Web', 'related-list'],
    ['Image source, Getty Images', 'media-credit'],
    ['Disclaimer: The views expressed are the author’s own.', 'wordpress-chrome'],
    [
      'FILE PHOTO: Supporters gather outside Congress in Lima, Peru. REUTERS/Sebastian Castaneda/File Photo',
      'media-credit',
    ],
    [
      '(This story has not been edited by our staff and is auto-generated from a syndicated feed.)',
      'syndication-note',
    ],
    ['Get the latest updates right in your inbox. Subscribe to NJ.com’s newsletters.', 'newsletter-call'],
    [
      'Start your day with the Morning Bell. It is the preferred reading of traders. Sign up for the free daily newsletter.',
      'newsletter-call',
    ],
    ['Photo credit: Jane Roe', 'media-credit'],
    ['Pictures: Harbour Courier', 'media-credit'],
    ['Related topics: Ports, Strikes', 'tags'],
    ['Add comment', 'comments'],
  ])('%s -> %s', (line, name) => {
    expect(matchBoilerplatePattern(line)).toBe(name);
  });

  it.each([
    'The council said it would read more of the submissions before deciding on the advertising ban.',
    'Sources close to the negotiations said a deal was near.',
    'The newsletter, published by the ministry, said exports rose.',
    '« Nous vivons la pire sécheresse du siècle », a déclaré le président.',
    'Share prices fell 3% on Monday after the company cut its forecast for the year.',
    'Home prices rose for a third month.',
    'Readers who signed up early got the first issue of the newsletter.',
    'The company said the leaked memo had landed in every employee’s inbox.',
  ])('leaves story text alone: %s', (line) => {
    expect(matchBoilerplatePattern(line)).toBeNull();
  });
});

describe('lineEvidence', () => {
  it('recognises prose in several languages and scripts', () => {
    for (const line of [
      'The Kremlin has grown increasingly insistent that the West is encroaching on its borders.',
      'МОСКВА, 3 марта. /ТАСС/. Новая линия метро открылась в понедельник, сообщил мэр города Сергей Собянин.',
      '気象庁は14日にかけても大雪が続くとして、不要不急の外出を控えるよう呼びかけている。',
      'Die Bahn kritisierte die kurzfristige Ankündigung scharf.',
    ]) {
      expect(lineEvidence(line).prose, line).toBe(true);
    }
  });

  it('does not take headlines, labels or lists for prose', () => {
    for (const line of [
      'US, Russia to hold Ukraine talks early January in Geneva',
      'Portugal extends four-day week trial to public sector',
      'Kenya, floods, El Niño, East Africa, weather, climate, rain, Nairobi, Tanzania, Burundi, aid, cholera',
    ]) {
      expect(lineEvidence(line).prose, line).toBe(false);
    }
  });

  it('flags page furniture by its shape', () => {
    expect(lineEvidence('Home » World » Europe').boilerplate).toBe('breadcrumb');
    expect(lineEvidence('Startseite > Politik > Deutschland').boilerplate).toBe('breadcrumb');
    expect(lineEvidence('News | Sport | Business | Culture').boilerplate).toBe('nav-list');
    expect(lineEvidence('https://example.com/story').boilerplate).toBe('url');
    expect(lineEvidence('* * *').boilerplate).toBe('no-letters');
    expect(lineEvidence('SPORTS').allCaps).toBe(true);
  });
});

describe('cleanLines', () => {
  it('decodes entities and normalizes spaces and line ends', () => {
    expect(cleanLines('Tom &amp; Jerry&#8217;s\u00a0show\r\n\r\n\r\nNext\u200b line &hellip;')).toEqual([
      'Tom & Jerry’s show',
      '',
      'Next line …',
    ]);
  });

  it('joins lines hard-wrapped at a fixed width', () => {
    const wrapped = [
      'The city council voted 7-2 on Tuesday night to rezone four municipal',
      'parking lots downtown for apartment buildings, a move supporters say',
      'could add up to 600 homes within five years.',
      '',
      'Under the plan, at least a quarter of the new units must be rented at',
      'prices affordable to households earning less than 60 percent of the',
      'median income.',
    ].join('\n');
    expect(cleanLines(wrapped)).toEqual([
      'The city council voted 7-2 on Tuesday night to rezone four municipal parking lots downtown for apartment buildings, a move supporters say could add up to 600 homes within five years.',
      '',
      'Under the plan, at least a quarter of the new units must be rented at prices affordable to households earning less than 60 percent of the median income.',
    ]);
  });

  it('keeps separate lines separate when the text is not wrapped', () => {
    expect(cleanLines('Connect with us\nUS, Russia to hold talks\nThe talks will start on Monday.')).toEqual([
      'Connect with us',
      'US, Russia to hold talks',
      'The talks will start on Monday.',
    ]);
  });
});

describe('stripHtmlTags', () => {
  it('turns block tags into line breaks and drops the rest', () => {
    expect(
      stripHtmlTags('<p>One <a href="/x">link</a>.</p><p>Two<br>lines</p><script>var x = "<p>";</script>')
        .text,
    ).toBe('\nOne link.\n\nTwo\nlines\n\n');
  });

  it('leaves prose with angle brackets alone', () => {
    expect(stripHtmlTags('The <budget> & the plan: a < b and c > d')).toEqual({
      text: 'The <budget> & the plan: a < b and c > d',
      stripped: false,
    });
  });
});
