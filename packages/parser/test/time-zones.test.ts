import { describe, expect, it } from 'vitest';
import { isTimeZone, parseDate, parseFeed, parseTimeZone } from '../src/index.js';

// Dates written without a zone: read in the zone the feed shows in its other dates, else in the
// caller's timeZone (IANA, DST-aware, or an offset), else UTC; a warning says which.

function rss(channelDate: string | null, itemDates: string[]): string {
  const items = itemDates
    .map(
      (date, index) => `<item><guid>i${index}</guid><title>${index}</title><pubDate>${date}</pubDate></item>`,
    )
    .join('');
  const channel = channelDate ? `<lastBuildDate>${channelDate}</lastBuildDate>` : '';
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>${channel}${items}</channel></rss>`;
}

const codes = (feed: { warnings: { code: string }[] }) => feed.warnings.map((warning) => warning.code);

describe('parseTimeZone', () => {
  it.each([
    ['UTC', 'UTC'],
    ['Z', 'UTC'],
    ['+02:00', '+02:00'],
    ['-0530', '-05:30'],
    ['+2', '+02:00'],
    ['UTC+3', '+03:00'],
    ['GMT-08:00', '-08:00'],
    ['Europe/Berlin', 'Europe/Berlin'],
    ['america/new_york', 'America/New_York'],
  ])('reads %s as %s', (spec, name) => {
    expect(parseTimeZone(spec).name).toBe(name);
  });

  it.each(['Mars/Olympus', '+25:00', '+02:75', '', 'local time'])('refuses %j', (spec) => {
    expect(isTimeZone(spec)).toBe(false);
    expect(() => parseTimeZone(spec)).toThrow(RangeError);
  });
});

describe('parseDate with a timeZone', () => {
  it('reads a zone-less time in the zone, a zoned one as written, a bare day at 00:00 UTC', () => {
    expect(parseDate('2024-07-01T12:00:00', { timeZone: '+05:30' })).toBe('2024-07-01T06:30:00.000Z');
    expect(parseDate('Mon, 01 Jul 2024 12:00:00', { timeZone: 'Asia/Tokyo' })).toBe(
      '2024-07-01T03:00:00.000Z',
    );
    expect(parseDate('2024-07-01T12:00:00-04:00', { timeZone: 'Asia/Tokyo' })).toBe(
      '2024-07-01T16:00:00.000Z',
    );
    expect(parseDate('2024-07-01', { timeZone: 'Asia/Tokyo' })).toBe('2024-07-01T00:00:00.000Z');
    expect(parseDate('1719835200', { timeZone: 'Asia/Tokyo' })).toBe('2024-07-01T12:00:00.000Z');
  });

  it('follows summer and winter time of an IANA zone', () => {
    expect(parseDate('2024-01-15 12:00', { timeZone: 'Europe/Berlin' })).toBe('2024-01-15T11:00:00.000Z');
    expect(parseDate('2024-07-15 12:00', { timeZone: 'Europe/Berlin' })).toBe('2024-07-15T10:00:00.000Z');
    expect(parseDate('2024-07-15 12:00', { timeZone: 'Australia/Sydney' })).toBe('2024-07-15T02:00:00.000Z');
    expect(parseDate('2024-01-15 12:00', { timeZone: 'Australia/Sydney' })).toBe('2024-01-15T01:00:00.000Z');
  });

  it('reads a time that occurs twice (clocks going back) as the earlier one', () => {
    // Europe/Berlin 2024-10-27: 03:00 CEST becomes 02:00 CET, so 02:30 happens at 00:30Z and 01:30Z.
    expect(parseDate('2024-10-27T02:30:00', { timeZone: 'Europe/Berlin' })).toBe('2024-10-27T00:30:00.000Z');
    expect(parseDate('2024-10-27T03:30:00', { timeZone: 'Europe/Berlin' })).toBe('2024-10-27T02:30:00.000Z');
    // America/New_York 2024-11-03: 01:30 is first EDT (05:30Z), then EST (06:30Z).
    expect(parseDate('Sun, 03 Nov 2024 01:30:00', { timeZone: 'America/New_York' })).toBe(
      '2024-11-03T05:30:00.000Z',
    );
  });

  it('moves a time that never occurs (clocks going forward) ahead by the gap', () => {
    // Europe/Berlin 2024-03-31: 02:00 CET becomes 03:00 CEST; 02:30 is read as 03:30 CEST.
    expect(parseDate('2024-03-31T02:30:00', { timeZone: 'Europe/Berlin' })).toBe('2024-03-31T01:30:00.000Z');
    expect(parseDate('2024-03-31T01:59:00', { timeZone: 'Europe/Berlin' })).toBe('2024-03-31T00:59:00.000Z');
    expect(parseDate('2024-03-31T03:00:00', { timeZone: 'Europe/Berlin' })).toBe('2024-03-31T01:00:00.000Z');
    // America/New_York 2024-03-10: 02:30 does not exist; read as 03:30 EDT.
    expect(parseDate('2024-03-10 02:30', { timeZone: 'America/New_York' })).toBe('2024-03-10T07:30:00.000Z');
  });
});

describe('parseFeed: dates without a zone', () => {
  it('takes the zone of the channel date', async () => {
    const feed = await parseFeed(
      rss('Mon, 06 May 2024 10:00:00 +0200', ['Mon, 06 May 2024 09:00:00', '2024-05-06T08:00:00']),
      { timeZone: 'America/New_York' },
    );
    expect(feed.items.map((item) => item.publishedAt)).toEqual([
      '2024-05-06T07:00:00.000Z',
      '2024-05-06T06:00:00.000Z',
    ]);
    expect(codes(feed)).toEqual(['DATE_ZONE_FROM_FEED']);
    expect(feed.warnings[0]!.message).toMatch(/2 date\(s\).*\+02:00/);
  });

  it('takes the offset most of the other dates state, whatever the channel says', async () => {
    const feed = await parseFeed(
      rss('Mon, 06 May 2024 10:00:00 GMT', [
        'Mon, 06 May 2024 09:00:00 -0700',
        'Mon, 06 May 2024 08:00:00 PDT',
        'Mon, 06 May 2024 07:00:00',
      ]),
    );
    expect(feed.items[2]!.publishedAt).toBe('2024-05-06T14:00:00.000Z');
    expect(codes(feed)).toEqual(['DATE_ZONE_FROM_FEED']);
  });

  it('uses the timeZone option when the feed shows no zone, DST included', async () => {
    const feed = await parseFeed(rss('Sun, 27 Oct 2024 12:00:00', ['Sat, 26 Oct 2024 12:00:00']), {
      timeZone: 'Europe/Berlin',
    });
    expect(feed.updatedAt).toBe('2024-10-27T11:00:00.000Z'); // CET, after the change
    expect(feed.items[0]!.publishedAt).toBe('2024-10-26T10:00:00.000Z'); // CEST, before it
    expect(codes(feed)).toEqual(['DATE_ZONE_ASSUMED']);
    expect(feed.warnings[0]!.message).toMatch(/Europe\/Berlin: the timeZone option/);
  });

  it('reads them as UTC without an option, and says so', async () => {
    const feed = await parseFeed(rss(null, ['2024-05-06T09:00:00', '2024-05-06T10:00']));
    expect(feed.items.map((item) => item.publishedAt)).toEqual([
      '2024-05-06T09:00:00.000Z',
      '2024-05-06T10:00:00.000Z',
    ]);
    expect(codes(feed)).toEqual(['DATE_ZONE_ASSUMED']);
    expect(feed.warnings[0]!.message).toMatch(
      /2 date\(s\).* UTC: no zone in the feed and no timeZone option/,
    );
  });

  it('adds no warning when every date has a zone or is a bare day', async () => {
    const feed = await parseFeed(rss('Mon, 06 May 2024 10:00:00 +0200', ['2024-05-06', '1714979289']), {
      timeZone: 'Asia/Tokyo',
    });
    expect(feed.items[0]!.publishedAt).toBe('2024-05-06T00:00:00.000Z');
    expect(codes(feed)).toEqual([]);
  });

  it('refuses an unknown timeZone before reading the body', async () => {
    await expect(parseFeed(rss(null, []), { timeZone: 'Nowhere/Special' })).rejects.toThrow(RangeError);
  });
});
