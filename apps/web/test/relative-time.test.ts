import { describe, expect, it } from 'vitest';
import { relativeTime } from '../lib/relative-time.js';

const NOW = new Date('2026-11-28T12:00:00Z');

describe('relativeTime', () => {
  it.each([
    ['2026-11-28T11:59:50Z', 'just now'],
    ['2026-11-28T11:48:00Z', '12 min. ago'],
    ['2026-11-28T09:00:00Z', '3 hr. ago'],
    ['2026-11-27T12:00:00Z', 'yesterday'],
    ['2026-11-14T12:00:00Z', '2 wk. ago'],
  ])('%s -> %s', (iso, expected) => {
    expect(relativeTime(iso, NOW)).toBe(expected);
  });

  it('is empty for an invalid date', () => {
    expect(relativeTime('not a date', NOW)).toBe('');
  });
});
