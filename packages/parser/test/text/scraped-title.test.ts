import { describe, expect, it } from 'vitest';
import { splitSiteName } from '../../src/text/scraped-title.js';

describe('splitSiteName', () => {
  it.each([
    ['Talks set for Geneva | Daily Globe', 'Talks set for Geneva', 'Daily Globe'],
    ['India monsoon below normal - The Times of India', 'India monsoon below normal', 'The Times of India'],
    ['Zambia secures debt deal :: BBC', 'Zambia secures debt deal', 'BBC'],
  ])('%s', (line, title, siteName) => {
    expect(splitSiteName(line)).toEqual({ title, siteName });
  });

  it.each([
    'Wetter: Hochwasser in Bayern – mehrere Orte evakuiert',
    'Peace talks stall – What we know',
    'Biden - Putin talks set for Geneva',
    'Oil climbs - Reuters',
  ])('keeps a dash that is part of the headline: %s', (line) => {
    expect(splitSiteName(line)).toEqual({ title: line, siteName: null });
  });
});
