import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/article/extract-article.js';
import { detectWire } from '../../src/text/index.js';

describe('detectWire', () => {
  it.each([
    ['A spokesperson told AFP late Monday that the talks will take place.', 'AFP'],
    ['PARIS (AFP) - France said on Monday...', 'AFP'],
    ['The report was first published by Agence France-Presse.', 'AFP'],
    ['© AFP 2024', 'AFP'],
    ['WASHINGTON (AP) — The Senate voted on Tuesday.', 'AP'],
    ['Copyright 2024 The Associated Press. All rights reserved.', 'AP'],
    ['Photo: Jane Doe/AP', 'AP'],
    ['AP Photo/Evan Vucci', 'AP'],
    ['LONDON (Reuters) - British inflation fell in May.', 'Reuters'],
    ['The ministry said in a statement. — Reuters', 'Reuters'],
    ['Berlin (dpa) - Die Bundesregierung will...', 'dpa'],
    ['Die Regierung plant neue Regeln. Quelle: dpa', 'dpa'],
    ['MADRID, 3 ene (EFE).- El Gobierno aprobó...', 'EFE'],
    ['ROMA, 12 GEN - (ANSA) Il governo ha approvato...', 'ANSA'],
    ['BEIJING, Jan. 3 (Xinhua) -- China will...', 'Xinhua'],
    ['NEW DELHI: The court adjourned the hearing. (PTI)', 'PTI'],
    ['Source: PTI', 'PTI'],
    ['SEOUL, Jan. 3 (Yonhap) -- North Korea fired...', 'Yonhap'],
    ['MOSCOW, January 3. /TASS/. Russian forces...', 'TASS'],
    ['SYDNEY (AAP) - A man has been charged...', 'AAP'],
    ['(Bloomberg) -- Norway’s wealth fund posted a record profit.', 'Bloomberg'],
    ['At least 40 people have died, according to an AFP tally.', 'AFP'],
    ['LONDON (PA) - Police are appealing for witnesses.', 'PA'],
    ['TOKYO (Kyodo) -- The government said...', 'Kyodo'],
    ['ANKARA (AA) - Turkish officials said...', 'Anadolu'],
    ['WASHINGTON (UPI) -- The Pentagon said...', 'UPI'],
  ])('%s -> %s', (text, wire) => {
    expect(detectWire(text)).toBe(wire);
  });

  it.each([
    ['The map shows where the flood waters rose.'],
    ['Students who passed AP exams can skip the course.'],
    ['Lawmakers in Harrisburg, PA approved the budget.'],
    ['UPI payments rose by 40% in India last year.'],
    ["Imran Khan's PTI party boycotted the vote."],
    ['Michael Bloomberg visited the school on Monday.'],
    ['The capital, Lapaz, and the papal visit.'],
    ['Nothing here credits any agency at all.'],
    ['Alibaba priced its shares at the top of the range, Reuters reported.'],
    ['A Reuters poll showed most economists expect a cut.'],
    ['He died on Nov. 5, according to the state-run Xinhua News Agency.'],
    ['The company declined to comment, Bloomberg News reported.'],
  ])('finds no wire in %s', (text) => {
    expect(detectWire(text)).toBeNull();
  });

  it('prefers the credited agency over one merely mentioned', () => {
    expect(detectWire('PARIS (AFP) - The minister told Reuters last week that the talks had failed.')).toBe(
      'AFP',
    );
  });

  describe('credits: datelines, bylines, credit lines and signatures', () => {
    it.each([
      ['GENEVA (AFP) — The talks ended without a deal.', 'AFP'],
      ['(Reuters) - Oil prices rose on Monday.', 'Reuters'],
      ['By Jane Doe | Reuters\nOil prices rose on Monday.', 'Reuters'],
      ['The ministry gave no figures.\n— AFP', 'AFP'],
      ['© AFP 2026', 'AFP'],
      ['Talks resume next week. (with AFP)', 'AFP'],
      ['Talks resume next week.\n\nWith Reuters', 'Reuters'],
      ['Talks resume next week.\n— Jane Doe, with AFP', 'AFP'],
      ['Agence France-Presse contributed to this report.', 'AFP'],
      ['The Associated Press contributed to this report.', 'AP'],
      ['This article was originally published by Agence France-Presse.', 'AFP'],
      ['The bank held rates.\n(Reporting by Jane Doe in London; Editing by John Roe)', 'Reuters'],
      [
        'Shares fell 3%. Reporting by Jane Doe; Additional reporting by Ali Khan; Editing by Tom Brown',
        'Reuters',
      ],
      ['The fund posted a record.\n--With assistance from Jane Doe.', 'Bloomberg'],
      ['新华社北京1月3日电 中国将于今年……', 'Xinhua'],
      ['(서울=연합뉴스) 서울시는 다음 달 7일부터……', 'Yonhap'],
      ['【札幌共同】北海道は13日、大雪となった。', 'Kyodo'],
      ['MOSCOW, March 3. /TASS/. A new metro line opened.', 'TASS'],
      ['By Jane Doe, AFP\nThe talks ended without a deal.', 'AFP'],
      ['Reuters, Beijing\nThe talks ended without a deal.', 'Reuters'],
      ['Reuters', 'Reuters'],
    ])('%s -> %s', (text, wire) => {
      expect(detectWire(text)).toBe(wire);
    });
  });

  describe('mentions inside prose are not credits', () => {
    it.each([
      [
        'A similarly fresh Reuters poll has lower numbers for removal (44 percent of Americans say they want the House to impeach and remove him).',
      ],
      ['Reuters reported on Tuesday that the deal was close.'],
      ['According to Reuters, the talks stalled over the weekend.'],
      ['The minister said in an interview with Reuters that he would not resign.'],
      ['In a fresh Reuters/Ipsos poll, 40 percent of respondents approved.'],
      ['AFP and Reuters both carried the story within minutes.'],
      ['The Associated Press has called elections since 1848.'],
      ['An investigation by Reuters found that the company knew of the fault.'],
      ['She worked for AFP in Nairobi for a decade before joining the paper.'],
      ['Xinhua, the state news agency, said the plant would reopen.'],
      ['Reuters, which first reported the talks, said the deal was close.'],
      [
        'Americans have gone to the polls four times this month.\nA similarly fresh Reuters poll found 44 percent want removal.\nThe president’s approval held steady.',
      ],
    ])('%s', (text) => {
      expect(detectWire(text)).toBeNull();
    });

    it('an opinion page citing a Reuters poll gets no wire; with a dateline or the agency as author it does', async () => {
      const body = [
        'Americans have gone to the polls four times this month to vote in major statewide races, and in each case the president tied his standing to the outcome.',
        'A similarly fresh Reuters poll has lower numbers for removal, with 44 percent of Americans saying they want the House to impeach and remove him from office.',
        'The numbers have barely moved since the hearings began, which should worry a party that had hoped the public would tune out the whole affair by now.',
      ];
      const page = (paragraphs: string[], head = '') =>
        `<html><head><title>The polls are not moving</title>${head}</head><body><article><h1>The polls are not moving</h1>${paragraphs
          .map((text) => `<p>${text}</p>`)
          .join('')}</article></body></html>`;
      const url = 'https://opinion.example/2019/11/20/polls';
      expect((await extractArticle(page(body), { url }))?.wire).toBeNull();
      const wired = [`WASHINGTON (Reuters) - ${body[0]}`, ...body.slice(1)];
      expect((await extractArticle(page(wired), { url }))?.wire).toBe('Reuters');
      // The agency as the page's author is a byline credit.
      const byAgency = page(body, '<meta name="author" content="Reuters">');
      expect((await extractArticle(byAgency, { url }))?.wire).toBe('Reuters');
    });
  });
});
