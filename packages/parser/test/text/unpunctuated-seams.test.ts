import { describe, expect, it } from 'vitest';
import { splitGluedSentences } from '../../src/text/glued-sentences.js';
import { repeatedCamelNames } from '../../src/text/unpunctuated-seams.js';

function split(line: string, knownNames?: ReadonlySet<string>): string[] {
  return splitGluedSentences(line, { knownNames }).paragraphs;
}

describe('paragraphs glued without punctuation', () => {
  it.each([
    ['They learned the lesson', 'Today the school opened a new wing for the younger pupils.'],
    ['It was all so frustrating …', 'Welcome to the new season of the show, said the host.'],
    ['US FALLS', 'The United States lost to Canada for the first time in the Davis Cup.'],
    ['— Arvind Kejriwal (@ArvindKejriwal) November 1, 2019', 'The gray haze led to cancelled flights.'],
    ['Inception (4K Ultra HD + Blu-Ray)', 'The next box set in the list is a trilogy.'],
    ['Here are some of the highlights:', 'NISSAN SENTRA'],
    ['Story Timeline', '2020 VW ID.3 official as Volkswagen bets on electric'],
    ['Аккаунт: @darkzip', 'Что вас вдохновило на создание кулинарной страницы?'],
    ['Фото:', 'личный архив Оли Малышевой'],
    ['"My fears have been realized"', 'Morrison told the committee on Tuesday.'],
    ['– Man**', '“Very talented people! Super fun and entertaining!”'],
    ['He was asked about Joe Biden', '"At no time was I aware of it," he told the panel.'],
    ['— Dianna E. Anderson (@diannaeanderson) November 18, 2019', 'So many people were talking about it.'],
    ['Get the 34" monitor for $649.99', 'This is the lowest price we have seen for it.'],
    ['That would confuse officials in Ukraine and the U.S., he warned.', '2. Never urged Ukraine to act'],
    ['Police used a ram to force open the door.', '3 Hospitalized After Wrong-Way Crash'],
  ])('splits %j | %j', (before, after) => {
    expect(split(`${before}${after}`)).toEqual([before, after]);
  });

  it('counts the breaks it made', () => {
    expect(splitGluedSentences('They learned the lessonToday the school opened.').paragraphBreaks).toBe(1);
  });

  it.each([
    'She filmed it on her iPhone and put it on YouTube the same night.',
    "He ate at McDonald's before the PowerPoint presentation began.",
    'The seller listed it on eBay and shared the link on LinkedIn for his friends.',
    'A PlayStation and a MacBook were among the prizes handed out on Friday.',
    'The JavaScript library was written at DeepMind and published on GitHub.',
    'The update for iOS was welcomed by Senator McCain and by Mr. O’Neill.',
    'Ms. DeSantis met LeBron at the game.',
  ])('keeps brand names and real camel case whole: %s', (line) => {
    expect(split(line)).toEqual([line]);
  });

  it('splits after a name that ends a paragraph', () => {
    expect(split('The research was done at DeepMindThe lab declined to comment on Friday.')).toEqual([
      'The research was done at DeepMind',
      'The lab declined to comment on Friday.',
    ]);
  });

  it('keeps a camel-case word the text repeats mid-sentence, and splits one it does not', () => {
    const text = 'Riders at SoulCycle met on Monday. Shares in SoulCycle fell.';
    const names = repeatedCamelNames(text);
    expect(names).toEqual(new Set(['SoulCycle']));
    expect(split('The studio was leased by the chain SoulCycle to new tenants.', names)).toHaveLength(1);
    expect(split('The studio was leased by the chain SoulCycle to new tenants.')).toHaveLength(2);
    // A glued break repeated by a page's structure is not a name: it sits under a heading.
    expect(repeatedCamelNames('Workout SupplementDrink now. Workout SupplementDrink later.').size).toBe(0);
    expect(repeatedCamelNames('a tsp.Post-Workout MealEat, a tsp.Post-Workout MealEat').size).toBe(0);
    expect(repeatedCamelNames('read the workoutAsparagus note, the workoutAsparagus list').size).toBe(0);
  });

  it('looks names up per word, not per name (many repeated names stay linear work)', () => {
    const letters = (n: number) =>
      n.toString(26).replace(/./g, (digit) => 'abcdefghijklmnopqrstuvwxyz'[parseInt(digit, 26)]!);
    const words = Array.from({ length: 20_000 }, (_, index) => `the Qu${letters(index)}Zed`);
    const text = `${words.join(' ')} ${words.join(' ')}`;
    const names = repeatedCamelNames(text);
    expect(names.size).toBe(20_000);
    expect(split(text, names)).toEqual([text]);
  });

  it('leaves addresses, handles, hashtags and code alone', () => {
    for (const line of [
      'See pic.twitter.com/MYwRz9euaq for the photo of the smog over the city.',
      'Follow @MattBevin and #HealthyHydration for more updates on the story.',
      'Call System.Console.WriteLine() to print it, then open https://t.co/Nc0nKoXGBP again.',
      'Prices for SUVs and LEDs rose 4% in the quarter, the 120Hz screens too.',
      'Turnover rose to 3.5 Million in the year, said No.3 Holdings in its report.',
      'Write to mailto:desk@example.com or see urn:isbn:0451450523 at 10:30 today.',
    ]) {
      expect(split(line)).toEqual([line]);
    }
  });
});
