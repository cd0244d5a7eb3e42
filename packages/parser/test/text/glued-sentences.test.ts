import { describe, expect, it } from 'vitest';
import { splitGluedSentences } from '../../src/text/glued-sentences.js';

function split(line: string): string[] {
  return splitGluedSentences(line).paragraphs;
}

describe('splitGluedSentences', () => {
  it('turns a glued sentence end into a paragraph break', () => {
    expect(
      split('The talks will take place on January 10.The Kremlin has grown increasingly insistent.'),
    ).toEqual(['The talks will take place on January 10.', 'The Kremlin has grown increasingly insistent.']);
  });

  it('places the break on the right side of a straight quote', () => {
    expect(split('He spoke about the borders."The United States looks forward to it," she said.')).toEqual([
      'He spoke about the borders.',
      '"The United States looks forward to it," she said.',
    ]);
    expect(split('"We are unified as an alliance on this."The meeting is part of a wider dialogue.')).toEqual(
      ['"We are unified as an alliance on this."', 'The meeting is part of a wider dialogue.'],
    );
  });

  it('opens a quotation at a seam when the next sentence closes it, whatever came before', () => {
    // The inch mark leaves an odd count before the seam; the next sentence's quotes decide.
    expect(
      split(
        'The report on 34" screens warned of the consequences."Given our findings, buyers should wait," it said.',
      ),
    ).toEqual([
      'The report on 34" screens warned of the consequences.',
      '"Given our findings, buyers should wait," it said.',
    ]);
  });

  it('handles curly quotes, question and exclamation marks', () => {
    expect(split('“We will win this fight,” he told the crowd.“Nobody can stop us now,” he added.')).toEqual([
      '“We will win this fight,” he told the crowd.',
      '“Nobody can stop us now,” he added.',
    ]);
    expect(split('Did the plan work in the end?Nobody in the room could say for certain.')).toHaveLength(2);
  });

  it.each([
    'The U.S. and the U.K. agreed to cut tariffs by 3.5 percent on Monday.',
    'The package is on example.com and is written in Node.js for speed.',
    'Version v1.2.3 fixes the bug reported by Dr. Smith of St. Louis at 10 a.m. on Friday.',
    'Large customers, e.g. banks and airlines, i.e. the biggest ones, pay more.',
    'He met Dr.Smith and Mr.Jones at the No.10 office.',
    'John F.Kennedy visited the city in 1963.',
    'Call System.Console.WriteLine() to print the value to the screen.',
    'Visit https://www.Example.com/News.Today for details of the programme.',
    'The car comes with the IQ.LIGHT LED headlamps as standard.',
  ])('keeps abbreviations, decimals, names and URLs intact: %s', (line) => {
    expect(split(line)).toEqual([line]);
  });

  it('splits after an acronym, a percentage or a closing parenthesis', () => {
    expect(
      split('The country formally joined NATO on Monday.The alliance welcomed the new member.'),
    ).toHaveLength(2);
    expect(
      split('Prices rose by 2.5% in the month of May.Analysts had expected a smaller rise.'),
    ).toHaveLength(2);
    expect(
      split('The statement was issued on Monday (local time).Officials gave no further details.'),
    ).toHaveLength(2);
  });

  it('after "U.S." or "a.m." splits only before a typical sentence opener', () => {
    expect(split('The troops will stay in the U.S.The Pentagon confirmed the plan on Friday.')).toHaveLength(
      2,
    );
    expect(split('The meeting started at 10 a.m.Delegates arrived late.')).toHaveLength(1);
  });

  it('inserts a missing space inside a quotation or between short fragments', () => {
    expect(split('"He left.Then he came back," she said on Monday evening.')).toEqual([
      '"He left. Then he came back," she said on Monday evening.',
    ]);
    const result = splitGluedSentences('He left.Then he walked out of the room quietly.');
    expect(result.paragraphs).toEqual(['He left. Then he walked out of the room quietly.']);
    expect(result).toMatchObject({ paragraphBreaks: 0, missingSpaces: 1 });
  });

  it('separates glued boilerplate even when it is short', () => {
    expect(split('The ministry expects the first companies to join in September.Advertisement')).toEqual([
      'The ministry expects the first companies to join in September.',
      'Advertisement',
    ]);
  });

  it('splits furniture glued to a sentence without any punctuation, but not brand names', () => {
    expect(split('AdvertisementThe Kremlin has grown increasingly insistent.')).toEqual([
      'Advertisement',
      'The Kremlin has grown increasingly insistent.',
    ]);
    expect(split('Share thisPolice said the man was arrested on Monday.')).toEqual([
      'Share this',
      'Police said the man was arrested on Monday.',
    ]);
    for (const line of [
      'SharePoint is a Microsoft product used by many firms.',
      'LinkedIn said it would cut jobs.',
    ]) {
      expect(split(line)).toEqual([line]);
    }
  });

  it('leaves Chinese and Japanese sentences alone', () => {
    const line = '北海道は13日、各地で記録的な大雪となった。札幌市では観測史上最多を更新した。';
    expect(split(line)).toEqual([line]);
  });

  it('copes with pathological input (linear work: no quadratic scans)', () => {
    expect(split('"a."B'.repeat(20_000))).toHaveLength(1);
    expect(split('a.'.repeat(50_000))).toHaveLength(1);
  });
});
