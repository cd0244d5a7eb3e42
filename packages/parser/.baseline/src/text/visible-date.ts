import { MONTH_NAMES, ZONE_OFFSETS } from '../dates/date-names.js';

// Dates as people print them on a page: "January 5, 2022 10:30 AM EST", "5. Januar 2022",
// "5 de enero de 2022", "2022-01-05T10:30:00Z", "05.01.2022 14:30". Turned into ISO 8601 UTC.
// Month names and zone abbreviations are the feed parser's tables (src/dates/date-names.ts).

const MONTH_NAME = '([\\p{L}]{3,10})\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th|er|º|\\.)?';
const YEAR = '(\\d{4})';
const ZONE = '((?:utc|gmt)\\s?[+-]\\d{1,2}(?::?\\d{2})?|[+-]\\d{2}:?\\d{2}|[a-z]{1,4}(?![\\p{L}]))';
const TIME = `(?:\\s*(?:,|at|à|um|alle|às|a las|om|в|-|–|\\||•|@)?\\s*(\\d{1,2})[:.h](\\d{2})(?::(\\d{2}))?\\s*([ap]\\.?\\s?m\\.?)?\\s*(?:uhr|h)?\\s*(?:\\(?\\s*${ZONE}\\s*\\)?)?)?`;

const PATTERNS: ReadonlyArray<{ pattern: RegExp; order: 'ymd' | 'mdy' | 'dmy' | 'numeric' }> = [
  {
    pattern:
      /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(z|[+-]\d{2}:?\d{2})?)?/iu,
    order: 'ymd',
  },
  { pattern: new RegExp(`${MONTH_NAME}\\s+${DAY},?\\s+${YEAR}${TIME}`, 'iu'), order: 'mdy' },
  {
    pattern: new RegExp(`${DAY}\\s*(?:de\\s+)?${MONTH_NAME},?\\s+(?:de\\s+)?${YEAR}${TIME}`, 'iu'),
    order: 'dmy',
  },
  {
    pattern: new RegExp(`(\\d{1,2})[./](\\d{1,2})[./](\\d{4})${TIME}`, 'iu'),
    order: 'numeric',
  },
];

/** A time printed before its date: "5:30 PM EST, Mon January 3, 2022". */
const TIME_BEFORE_DATE = new RegExp(
  `(\\d{1,2})[:.](\\d{2})\\s*([ap]\\.?\\s?m\\.?)?\\s*(?:${ZONE})?[\\s,|•·-]*(?:\\p{L}{2,9}\\.?,?\\s*)?$`,
  'iu',
);
/** US zones printed without saying standard or daylight time; the date decides. */
const US_ZONES: Readonly<Record<string, number>> = { et: -300, ct: -360, mt: -420, pt: -480 };

export interface VisibleDate {
  /** ISO 8601 UTC. */
  iso: string;
  /** Where in the line the date was found, to see what else the line holds. */
  index: number;
  length: number;
  /** No zone was printed: the time is read as UTC. */
  zoneAssumed: boolean;
}

/** 1-based month of a printed month name ("Jan", "janvier", "марта"), or undefined. */
function monthNumber(name: string): number | undefined {
  const month = MONTH_NAMES.get(name.toLowerCase());
  return month === undefined ? undefined : month + 1;
}

/** Whether US daylight saving time is in force on a date: second Sunday of March to first Sunday of November. */
function usDaylightTime(year: number, month: number, day: number): boolean {
  const sundayOnOrAfter = (m: number, d: number) =>
    d + ((7 - new Date(Date.UTC(year, m - 1, d)).getUTCDay()) % 7);
  const start = sundayOnOrAfter(3, 8);
  const end = sundayOnOrAfter(11, 1);
  if (month !== 3 && month !== 11) return month > 3 && month < 11;
  return month === 3 ? day >= start : day < end;
}

function zoneOffsetMinutes(
  zone: string | undefined,
  year: number,
  month: number,
  day: number,
): number | null {
  if (!zone) return null;
  const lower = zone.toLowerCase().replace(/\s/g, '');
  const named = ZONE_OFFSETS.get(lower);
  if (named !== undefined) return named;
  const us = US_ZONES[lower];
  if (us !== undefined) return us + (usDaylightTime(year, month, day) ? 60 : 0);
  const numeric = /^(?:utc|gmt)?([+-])(\d{1,2}):?(\d{2})?$/.exec(lower);
  if (!numeric) return null;
  const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
  return numeric[1] === '-' ? -minutes : minutes;
}

function buildIso(
  year: number,
  month: number,
  day: number,
  time: { hour?: string; minute?: string; second?: string; meridiem?: string; zone?: string },
): { iso: string; zoneAssumed: boolean } | null {
  let hour = Number(time.hour ?? 0);
  const minute = Number(time.minute ?? 0);
  const second = Number(time.second ?? 0);
  const meridiem = time.meridiem?.toLowerCase().replace(/[.\s]/g, '');
  if (meridiem === 'pm' && hour < 12) hour += 12;
  if (meridiem === 'am' && hour === 12) hour = 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  if (year < 1990 || year > 2100) return null;
  // Date.UTC rolls 31 February into March: such a date was not a date.
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
  const offset = zoneOffsetMinutes(time.zone, year, month, day);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second) - (offset ?? 0) * 60_000);
  return {
    iso: date.toISOString().replace('.000Z', 'Z'),
    zoneAssumed: offset === null && time.hour !== undefined,
  };
}

/**
 * The first printed date in a line, as ISO UTC, or null. Month names in en, de, fr, es, it, pt,
 * nl and ru; numeric dates day-first unless `monthFirst` (US style) and the numbers allow it. A
 * time without a zone is read as UTC (the result says so).
 */
export function findVisibleDate(line: string, options: { monthFirst?: boolean } = {}): VisibleDate | null {
  for (const { pattern, order } of PATTERNS) {
    const match = pattern.exec(line);
    if (!match) continue;
    const groups = match.slice(1);
    let year: number;
    let month: number | undefined;
    let day: number;
    let rest: Array<string | undefined>;
    if (order === 'ymd') {
      [year, month, day] = [Number(groups[0]), Number(groups[1]), Number(groups[2])];
      rest = [groups[3], groups[4], groups[5], undefined, groups[6]];
    } else if (order === 'mdy') {
      [month, day, year] = [monthNumber(groups[0]!), Number(groups[1]), Number(groups[2])];
      rest = groups.slice(3);
    } else if (order === 'dmy') {
      [day, month, year] = [Number(groups[0]), monthNumber(groups[1]!), Number(groups[2])];
      rest = groups.slice(3);
    } else {
      const [first, second] = [Number(groups[0]), Number(groups[1])];
      const monthFirst =
        second > 12 || (first <= 12 && options.monthFirst === true && match[0].includes('/'));
      [month, day, year] = monthFirst
        ? [first, second, Number(groups[2])]
        : [second, first, Number(groups[2])];
      rest = groups.slice(3);
    }
    if (month === undefined) continue;
    let [hour, minute, second, meridiem, zone] = rest;
    let index = match.index;
    const before =
      hour === undefined ? TIME_BEFORE_DATE.exec(line.slice(Math.max(0, index - 40), index)) : null;
    if (before) {
      [hour, minute, meridiem, zone] = [before[1], before[2], before[3], before[4]];
      index -= before[0].length;
    }
    const built = buildIso(year, month, day, { hour, minute, second, meridiem, zone });
    if (built) return { ...built, index, length: match.index + match[0].length - index };
  }
  return null;
}
