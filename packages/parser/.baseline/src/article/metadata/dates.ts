// Dates for article metadata: machine-readable values through the shared parseDate, printed
// datelines through the shared findVisibleDate, and dates in URL paths. All as ISO 8601 UTC,
// and only when plausible for a publication.
import { parseDate } from '../../dates/parse-date.js';
import { findVisibleDate } from '../../text/visible-date.js';

/** Dates before this are parse accidents ("0001-01-01", epoch zero), not publication dates. */
export const EARLIEST_PLAUSIBLE_YEAR = 1995;
/** Dates further in the future than this are typos or time-zone accidents beyond repair. */
export const MAX_FUTURE_MS = 2 * 24 * 3600 * 1000;

/** /2019/11/19/, /2019-11-19/, -20191119- in a URL path. */
const URL_DATE_PATTERNS: readonly RegExp[] = [
  /\/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:[/-]|\.html?|$)/,
  /[/_-]((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)/,
];

function plausible(iso: string | null, now: number): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  const time = date.getTime();
  if (Number.isNaN(time) || date.getUTCFullYear() < EARLIEST_PLAUSIBLE_YEAR || time > now + MAX_FUTURE_MS)
    return null;
  return date.toISOString();
}

/**
 * A machine-readable date (ISO 8601, RFC 2822, epoch seconds or milliseconds) as ISO UTC, or
 * null; a date and time without a zone is taken as UTC. Falls back to reading it as a dateline.
 */
export function toIsoUtc(value: string | null | undefined, now = Date.now()): string | null {
  const input = value?.trim();
  if (!input) return null;
  return plausible(parseDate(input), now) ?? parseDateline(input, now);
}

/** The first human-written date in a text ("Updated Nov. 19, 2019 at 11:04 p.m. EST"), as ISO UTC. */
export function parseDateline(text: string, now = Date.now()): string | null {
  return plausible(findVisibleDate(text)?.iso ?? null, now);
}

/** The date a URL's path carries (/2019/11/19/slug), at midnight UTC, or null. */
export function dateFromUrl(url: string, now = Date.now()): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  for (const pattern of URL_DATE_PATTERNS) {
    const match = path.match(pattern);
    if (!match) continue;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    // Date.UTC rolls 31 February into March: such a path segment was not a date.
    if (date.getUTCMonth() === month - 1) {
      const iso = plausible(date.toISOString(), now);
      if (iso) return iso;
    }
  }
  return null;
}
