import { describe, expect, it } from 'vitest';
import {
  adaptiveIntervalSeconds,
  backoffSeconds,
  medianGapSeconds,
  parseMaxAge,
  parseRetryAfter,
  syndicationPeriodSeconds,
  withJitter,
} from '../src/schedule/interval.js';

const LIMITS = { minSeconds: 300, maxSeconds: 86_400 };
const NOW = new Date('2026-11-28T12:00:00Z');
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();

describe('adaptive interval', () => {
  it('polls a busy feed often and a quiet one rarely, within the limits', () => {
    const busy = Array.from({ length: 20 }, (_, index) => hoursAgo(index * 0.25));
    expect(adaptiveIntervalSeconds({ itemDates: busy, previousSeconds: 3600 }, LIMITS, NOW)).toBe(450);
    const hourly = Array.from({ length: 10 }, (_, index) => hoursAgo(index));
    expect(adaptiveIntervalSeconds({ itemDates: hourly, previousSeconds: 300 }, LIMITS, NOW)).toBe(1800);
    const weekly = Array.from({ length: 5 }, (_, index) => hoursAgo(index * 24 * 7));
    expect(adaptiveIntervalSeconds({ itemDates: weekly, previousSeconds: 300 }, LIMITS, NOW)).toBe(86_400);
    const burst = Array.from({ length: 20 }, (_, index) => hoursAgo(index / 3600));
    expect(adaptiveIntervalSeconds({ itemDates: burst, previousSeconds: 3600 }, LIMITS, NOW)).toBe(300);
  });

  it('keeps the previous interval when too few items carry dates, and ignores future dates', () => {
    expect(adaptiveIntervalSeconds({ itemDates: [null, null], previousSeconds: 7200 }, LIMITS, NOW)).toBe(
      7200,
    );
    expect(medianGapSeconds(['2030-01-01T00:00:00Z', hoursAgo(1)], NOW)).toBeNull();
  });

  it('never polls sooner than ttl, sy:updatePeriod or max-age ask', () => {
    const busy = Array.from({ length: 20 }, (_, index) => hoursAgo(index * 0.1));
    const base = { itemDates: busy, previousSeconds: 300 };
    expect(adaptiveIntervalSeconds({ ...base, ttlMinutes: 60 }, LIMITS, NOW)).toBe(3600);
    expect(adaptiveIntervalSeconds({ ...base, updatePeriodSeconds: 7200 }, LIMITS, NOW)).toBe(7200);
    expect(adaptiveIntervalSeconds({ ...base, maxAgeSeconds: 900 }, LIMITS, NOW)).toBe(900);
    expect(adaptiveIntervalSeconds({ ...base, ttlMinutes: 60 * 24 * 30 }, LIMITS, NOW)).toBe(86_400);
  });
});

describe('backoff, jitter and headers', () => {
  it('doubles from the minimum and caps at the maximum', () => {
    expect([1, 2, 3, 4].map((failures) => backoffSeconds(failures, LIMITS))).toEqual([300, 600, 1200, 2400]);
    expect(backoffSeconds(40, LIMITS)).toBe(86_400);
  });

  it('spreads by at most ±10 %', () => {
    expect(withJitter(1000, () => 0)).toBe(900);
    expect(withJitter(1000, () => 0.999_999)).toBe(1100);
    const spread = new Set(Array.from({ length: 1000 }, () => withJitter(3600)));
    expect(spread.size).toBeGreaterThan(100);
  });

  it('reads Retry-After as seconds or a date, and Cache-Control max-age', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120);
    expect(parseRetryAfter('Sat, 28 Nov 2026 13:00:00 GMT', NOW)).toBe(3600);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseMaxAge('public, max-age=600')).toBe(600);
    expect(parseMaxAge('s-maxage=60, max-age=30')).toBe(30);
    expect(parseMaxAge('no-cache')).toBe(0);
    expect(parseMaxAge(undefined)).toBeNull();
  });

  it('reads sy:updatePeriod and sy:updateFrequency', () => {
    const rss =
      '<rss><channel><sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency></channel></rss>';
    expect(syndicationPeriodSeconds(rss)).toBe(1800);
    expect(syndicationPeriodSeconds('<sy:updatePeriod>daily</sy:updatePeriod>')).toBe(86_400);
    expect(syndicationPeriodSeconds('<rss/>')).toBeNull();
  });
});
