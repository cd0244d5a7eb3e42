import { relativeTime } from './relative-time';

const EXACT = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** "28 Nov 2026, 12:00 UTC": the exact time shown on hover next to a relative one. */
export function exactTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : `${EXACT.format(date)} UTC`;
}

export { relativeTime };
