import { describe, expect, it } from 'vitest';
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
});
