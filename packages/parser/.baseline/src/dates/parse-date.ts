import { MONTH_NAMES, militaryZoneOffset, ZONE_OFFSETS } from './date-names.js';
import { offsetZone, parseTimeZone, type TimeZone, UTC, wallTimeToInstant } from './time-zone.js';

export interface ParseDateOptions {
  /**
   * Zone assumed for a date written without one: an IANA name ("Europe/Berlin", DST-aware), an
   * offset ("+02:00") or a TimeZone from parseTimeZone; default UTC.
   */
  timeZone?: string | TimeZone;
  /** Offset (minutes east of UTC) assumed for a date without a zone, when `timeZone` is not given. */
  defaultTimeZoneOffsetMinutes?: number;
}

/**
 * A date as written: an instant (a Unix timestamp), or a wall-clock time (its fields as if they
 * were UTC, in `wallMs`) with the offset the text states, or undefined when it states none.
 * `dateOnly`: the text names a day without a time of day ("2024-05-06").
 */
export type DateReading =
  | { kind: 'instant'; ms: number }
  | { kind: 'wall'; wallMs: number; offsetMinutes: number | undefined; dateOnly: boolean };

interface DateParts {
  year: number;
  month: number; // 0-based
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offsetMinutes: number | undefined;
  dateOnly: boolean;
}

// W3CDTF / ISO 8601, extended and basic: 2024, 2024-05, 2024-05-06, 2024-05-06T07:08, ...:09.123Z,
// 20240506T070809+0200, with a space instead of the T.
const ISO_DATE =
  /^(\d{4})(?:-?(\d{2})(?:-?(\d{2})(?:[T\s]+(\d{1,2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/i;
// The RFC 822 form most feeds use, read without tokenizing: "Mon, 06 May 2024 07:08:09 +0000".
const RFC822_COMMON =
  /^(?:[A-Za-z]{3},? )?(\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? ([+-]\d{4}|[A-Za-z]{1,5})$/;
const UNIX_SECONDS = /^\d{9,10}(?:\.\d+)?$/;
const UNIX_MILLISECONDS = /^\d{12,13}$/;
const TIME = /^(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,](\d+))?)?(am|pm|a\.m\.|p\.m\.)?$/i;
const NUMERIC_ZONE = /^(?:gmt|utc|ut)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;
const DOTTED_OR_SLASHED_DATE = /^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 1 && leap ? 29 : DAYS_IN_MONTH[month]!;
}

function expandYear(year: number, digits: number): number {
  if (digits > 2) return year;
  // RFC 2822 4.3: 00-49 are 2000-2049, 50-99 are 1950-1999.
  return year < 50 ? 2000 + year : 1900 + year;
}

function fraction(digits: string | undefined): number {
  return digits ? Math.round(Number(`0.${digits}`) * 1000) : 0;
}

function parseIso(value: string): DateParts | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, millis, zone] = match;
  let offsetMinutes: number | undefined;
  if (zone) {
    if (zone.toUpperCase() === 'Z') offsetMinutes = 0;
    else {
      const digits = zone.replace(':', '');
      const sign = digits.startsWith('-') ? -1 : 1;
      offsetMinutes = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || '0'));
    }
  }
  return {
    year: Number(year),
    month: month ? Number(month) - 1 : 0,
    day: day ? Number(day) : 1,
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
    millisecond: fraction(millis),
    offsetMinutes,
    dateOnly: hour === undefined,
  };
}

function namedZoneOffset(name: string): number | undefined {
  return ZONE_OFFSETS.get(name) ?? (name.length === 1 ? militaryZoneOffset(name) : undefined);
}

function parseRfc822Common(value: string): DateParts | null {
  const match = RFC822_COMMON.exec(value);
  if (!match) return null;
  const [, day, monthName, year, hour, minute, second, zone] = match;
  const month = MONTH_NAMES.get(monthName!.toLowerCase());
  if (month === undefined) return null;
  const sign = zone![0];
  // A named zone (GMT, PST, CEST, a military letter) the tables know; any other word is left to
  // the tokenizing reader, which ignores what it does not know.
  const offsetMinutes =
    sign === '+' || sign === '-'
      ? (sign === '-' ? -1 : 1) * (Number(zone!.slice(1, 3)) * 60 + Number(zone!.slice(3)))
      : namedZoneOffset(zone!.toLowerCase());
  if (offsetMinutes === undefined) return null;
  return {
    year: Number(year),
    month,
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second ?? 0),
    millisecond: 0,
    offsetMinutes,
    dateOnly: false,
  };
}

function zoneOffset(token: string): number | undefined {
  const named = ZONE_OFFSETS.get(token);
  if (named !== undefined) return named;
  const numeric = NUMERIC_ZONE.exec(token);
  if (numeric) {
    const [, sign, hours, minutes] = numeric;
    // "+0100" arrives as hours "01", minutes "00"; a bare "+1" or "-05" is hours only.
    let h = Number(hours);
    let m = Number(minutes ?? 0);
    if (!minutes && hours!.length > 2) [h, m] = [Number(hours!.slice(0, -2)), Number(hours!.slice(-2))];
    return (sign === '-' ? -1 : 1) * (h * 60 + m);
  }
  return militaryZoneOffset(token);
}

/** RFC 822/2822 and the many things publishers write instead, token by token. */
function parseLoose(value: string): DateParts | null {
  const tokens = value
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ') // "(PST)", "(Coordinated Universal Time)": comments
    .replace(/(\d)(st|nd|rd|th)\b/g, '$1')
    .replace(/[,;]+/g, ' ')
    .replace(/(\d)([a-z\u00c0-\u024f\u0400-\u04ff]{3,})/g, '$1 $2') // "05May2024"
    .replace(/([a-z\u00c0-\u024f\u0400-\u04ff])(\d)/g, '$1 $2')
    .split(/\s+/)
    .filter(Boolean);
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  let time: RegExpExecArray | undefined;
  let offsetMinutes: number | undefined;
  let meridiem: string | undefined;
  const numbers: string[] = [];

  for (const raw of tokens) {
    const token = raw.replace(/\.$/, '');
    const timeMatch = TIME.exec(raw);
    if (!time && timeMatch && raw.includes(':')) {
      time = timeMatch;
      meridiem = timeMatch[5];
      continue;
    }
    const parts = DOTTED_OR_SLASHED_DATE.exec(token);
    if (parts && year === undefined) {
      const [, a, b, c] = parts;
      // 2024/05/06 or 06.05.2024 (day first, as everywhere but the US).
      if (a!.length === 4) [year, month, day] = [Number(a), Number(b) - 1, Number(c)];
      else [day, month, year] = [Number(a), Number(b) - 1, expandYear(Number(c), c!.length)];
      continue;
    }
    if (/^[a-z\u00c0-\u024f\u0400-\u04ff]+-\d|^\d+-[a-z\u00c0-\u024f\u0400-\u04ff]/.test(token)) {
      // "06-May-2024": split and read again.
      const inner = parseLoose(
        `${token.replace(/-/g, ' ')} ${tokens.slice(tokens.indexOf(raw) + 1).join(' ')}`,
      );
      return inner;
    }
    if (/^\d+$/.test(token)) {
      numbers.push(token);
      continue;
    }
    const monthIndex = MONTH_NAMES.get(token);
    if (monthIndex !== undefined && month === undefined) {
      month = monthIndex;
      continue;
    }
    if (/^(am|pm|a\.m|p\.m)$/.test(token) && time) {
      meridiem = token;
      continue;
    }
    const offset = time ? zoneOffset(token) : ZONE_OFFSETS.get(token);
    if (offset !== undefined && offsetMinutes === undefined) {
      offsetMinutes = offset;
    }
    // Anything else (weekday names in any language, "at", "um", "de") carries no date.
  }

  for (const number of numbers) {
    const n = Number(number);
    if (number.length >= 3 || (year === undefined && day !== undefined)) {
      if (year === undefined) year = expandYear(n, number.length);
    } else if (day === undefined && n >= 1 && n <= 31) day = n;
    else if (year === undefined) year = expandYear(n, number.length);
  }
  if (year === undefined || month === undefined || day === undefined) return null;

  let hour = time ? Number(time[1]) : 0;
  const halfDay = meridiem?.replace(/\./g, '');
  if (halfDay === 'pm' && hour < 12) hour += 12;
  if (halfDay === 'am' && hour === 12) hour = 0;
  return {
    year,
    month,
    day,
    hour,
    minute: time ? Number(time[2]) : 0,
    second: time?.[3] ? Number(time[3]) : 0,
    millisecond: fraction(time?.[4]),
    offsetMinutes,
    dateOnly: !time,
  };
}

/** Checks the fields (no 31 April, no hour 25) and keeps them as a wall time. */
function toReading(parts: DateParts): DateReading | null {
  const { year, month, day, hour, minute, millisecond, offsetMinutes, dateOnly } = parts;
  const second = Math.min(parts.second, 59); // a leap second is the last second of its minute
  if (year < 1000 || year > 9999 || month < 0 || month > 11) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 24 || minute > 59 || (hour === 24 && (minute > 0 || second > 0))) return null;
  if (offsetMinutes !== undefined && Math.abs(offsetMinutes) > 18 * 60) return null;
  return {
    kind: 'wall',
    wallMs: Date.UTC(year, month, day, hour, minute, second, millisecond),
    offsetMinutes,
    dateOnly,
  };
}

/**
 * Reads a date the way feeds write them (RFC 822/2822 with every real-world variation, W3CDTF /
 * ISO 8601 including partial dates, Unix timestamps, common non-English month names) without
 * deciding what a missing zone means; null when it is not a date.
 */
export function readDate(value: string): DateReading | null {
  const text = value.trim().replace(/\s+/g, ' ');
  if (!text || text.length > 200) return null;
  if (UNIX_SECONDS.test(text)) return { kind: 'instant', ms: Math.round(Number(text) * 1000) };
  if (UNIX_MILLISECONDS.test(text)) return { kind: 'instant', ms: Number(text) };
  const parts = parseRfc822Common(text) ?? parseIso(text) ?? parseLoose(text);
  return parts ? toReading(parts) : null;
}

/**
 * Whether the reading needs a zone from elsewhere: a time of day without an offset. A bare day
 * ("2024-05-06") is not: it names a calendar day, kept at 00:00 UTC so it shows as that day
 * everywhere, as W3CDTF readers (and the Universal Feed Parser) do.
 */
export function isZoneless(reading: DateReading): boolean {
  return reading.kind === 'wall' && reading.offsetMinutes === undefined && !reading.dateOnly;
}

/** The reading as an ISO 8601 UTC string, a zone-less time of day read in `zone`. */
export function readingToIso(reading: DateReading, zone: TimeZone): string {
  if (reading.kind === 'instant') return new Date(reading.ms).toISOString();
  const ms = isZoneless(reading)
    ? wallTimeToInstant(reading.wallMs, zone)
    : reading.wallMs - (reading.offsetMinutes ?? 0) * 60_000;
  return new Date(ms).toISOString();
}

/**
 * Reads a date (see readDate) and returns it as an ISO 8601 UTC string, or null when it is not a
 * date. A date without a zone is taken in `timeZone` (UTC by default).
 * @throws RangeError when `timeZone` names no zone.
 */
export function parseDate(value: string, options: ParseDateOptions = {}): string | null {
  const reading = readDate(value);
  if (!reading) return null;
  const zone =
    typeof options.timeZone === 'string'
      ? parseTimeZone(options.timeZone)
      : (options.timeZone ??
        (options.defaultTimeZoneOffsetMinutes ? offsetZone(options.defaultTimeZoneOffsetMinutes) : UTC));
  return readingToIso(reading, zone);
}
