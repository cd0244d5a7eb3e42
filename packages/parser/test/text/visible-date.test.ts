import { describe, expect, it } from 'vitest';
import { parseByline } from '../../src/text/byline.js';
import { readMetadataLine } from '../../src/text/scraped-metadata.js';
import { findVisibleDate } from '../../src/text/visible-date.js';

describe('findVisibleDate', () => {
  it.each([
    ['Published: January 5, 2022 10:30 AM EST', '2022-01-05T15:30:00Z'],
    ['Jan. 5, 2022', '2022-01-05T00:00:00Z'],
    ['Tuesday, December 21, 2021 | 11:04pm', '2021-12-21T23:04:00Z'],
    ['Posted on 3 March 2024 at 9:15 GMT', '2024-03-03T09:15:00Z'],
    ['2022-01-05T10:30:00+01:00', '2022-01-05T09:30:00Z'],
    ['2024-01-03 16:42', '2024-01-03T16:42:00Z'],
    ['5. Januar 2022, 14:30 Uhr', '2022-01-05T14:30:00Z'],
    ['05.01.2022 14:30', '2022-01-05T14:30:00Z'],
    ['Mis à jour le 12 février 2023 à 18h45', '2023-02-12T18:45:00Z'],
    ['5 de enero de 2022', '2022-01-05T00:00:00Z'],
    ['12 gennaio 2024', '2024-01-12T00:00:00Z'],
    ['20 de março de 2024', '2024-03-20T00:00:00Z'],
    ['3 maart 2024', '2024-03-03T00:00:00Z'],
    ['12 марта 2024, 10:00', '2024-03-12T10:00:00Z'],
    ['14 August 2023 08:15 UTC+2', '2023-08-14T06:15:00Z'],
    ['Updated 5:30 PM EST, January 3, 2022', '2022-01-03T22:30:00Z'],
    ['January 3, 2022 at 5:30 p.m. ET', '2022-01-03T22:30:00Z'],
    ['July 4, 2023 at 9:00 a.m. ET', '2023-07-04T13:00:00Z'],
    ['Nov. 6, 2022 1:30 PM PT', '2022-11-06T21:30:00Z'],
    ['Last Updated: March 12, 2024 @ 9:41 am CET', '2024-03-12T08:41:00Z'],
    ['2022/01/03', '2022-01-03T00:00:00Z'],
  ])('%s -> %s', (line, iso) => {
    expect(findVisibleDate(line)?.iso).toBe(iso);
  });

  it('reads numeric slashed dates day-first unless told the text is US English', () => {
    expect(findVisibleDate('01/05/2022')?.iso).toBe('2022-05-01T00:00:00Z');
    expect(findVisibleDate('01/05/2022', { monthFirst: true })?.iso).toBe('2022-01-05T00:00:00Z');
    expect(findVisibleDate('25/12/2022', { monthFirst: true })?.iso).toBe('2022-12-25T00:00:00Z');
  });

  it('says when a time had no zone', () => {
    expect(findVisibleDate('5 March 2024 10:00')?.zoneAssumed).toBe(true);
    expect(findVisibleDate('5 March 2024 10:00 GMT')?.zoneAssumed).toBe(false);
    expect(findVisibleDate('5 March 2024')?.zoneAssumed).toBe(false);
  });

  it.each([
    '31 February 2022',
    '31 February 2022 10:00 GMT',
    'the 3.5 percent rise',
    'on Monday',
    'Room 12/14',
    '1 January 1850',
  ])('finds no date in %s', (line) => {
    expect(findVisibleDate(line)).toBeNull();
  });
});

describe('parseByline', () => {
  it.each([
    ['By Jane Doe', 'Jane Doe'],
    ['By JANE DOE, AFP', 'JANE DOE'],
    ['Written by Jane Doe | AFP', 'Jane Doe'],
    ['Von Max Mustermann, dpa', 'Max Mustermann'],
    ['Par Jean-Pierre Dupont, envoyé spécial à Genève', 'Jean-Pierre Dupont'],
    ['Por María José García de la Vega', 'María José García de la Vega'],
    ['Author: Jane Doe', 'Jane Doe'],
    ['By Tom Baker and Lucy Chen', 'Tom Baker and Lucy Chen'],
  ])('%s -> %s', (line, byline) => {
    expect(parseByline(line)).toBe(byline);
  });

  it.each(['By the time the police arrived, it was over.', 'by staff', 'Byron Bay is busy'])(
    '%s is no byline',
    (line) => {
      expect(parseByline(line)).toBeNull();
    },
  );
});

describe('readMetadataLine', () => {
  it('reads a published and an updated date from one line', () => {
    expect(readMetadataLine('Published: 5 January 2022 | Updated: 6 January 2022 14:00 GMT')).toEqual({
      publishedAt: '2022-01-05T00:00:00Z',
      updatedAt: '2022-01-06T14:00:00Z',
    });
  });

  it('reads a byline beside a date', () => {
    expect(readMetadataLine('By Jane Doe | January 5, 2022')).toEqual({
      byline: 'Jane Doe',
      publishedAt: '2022-01-05T00:00:00Z',
    });
  });

  it('leaves a sentence that mentions a date to the story', () => {
    expect(
      readMetadataLine('The talks will take place on January 10, 2022 in Geneva, officials said.'),
    ).toBeNull();
    expect(readMetadataLine('AFP | 5 min read')).toBeNull();
  });
});
