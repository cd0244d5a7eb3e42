// Turning the many ways pages write dates into ISO 8601 UTC, and finding dates in URLs and in
// visible datelines.

/** Dates before this are parse accidents ("0001-01-01", epoch zero), not publication dates. */
export const EARLIEST_PLAUSIBLE_YEAR = 1995;
/** Dates this far in the future are typos or time-zone accidents beyond repair. */
const MAX_FUTURE_MS = 2 * 24 * 3600 * 1000;

/** North American and European zone abbreviations seen in datelines, as UTC offsets. */
export const ZONE_OFFSETS: Readonly<Record<string, string>> = {
  UTC: '+00:00',
  GMT: '+00:00',
  Z: '+00:00',
  EST: '-05:00',
  EDT: '-04:00',
  CST: '-06:00',
  CDT: '-05:00',
  MST: '-07:00',
  MDT: '-06:00',
  PST: '-08:00',
  PDT: '-07:00',
  BST: '+01:00',
  CET: '+01:00',
  CEST: '+02:00',
  IST: '+05:30',
  JST: '+09:00',
  AEST: '+10:00',
  AEDT: '+11:00',
};

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const TIME = String.raw`(?:,?\s*(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?\s*(${Object.keys(ZONE_OFFSETS).join('|')})?)?`;

/** "November 19, 2019 11:04 PM EST", "Nov. 19, 2019". */
const MONTH_DAY_YEAR = new RegExp(
  String.raw`\b(${MONTHS})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b${TIME}`,
  'i',
);
/** "19 November 2019 23:04 GMT". */
const DAY_MONTH_YEAR = new RegExp(
  String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(${MONTHS})\.?,?\s+(\d{4})\b${TIME}`,
  'i',
);
/** "2019-11-19 23:04". */
const ISO_LIKE = new RegExp(String.raw`\b(\d{4})-(\d{2})-(\d{2})\b${TIME}`, 'i');

/** /2019/11/19/, /2019-11-19/, -20191119- in a URL path. */
const URL_DATE_PATTERNS: readonly RegExp[] = [
  /\/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:[/-]|\.html?|$)/,
  /[/_-]((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)/,
];

function plausible(date: Date, now: number): boolean {
  const time = date.getTime();
  return (
    !Number.isNaN(time) && date.getUTCFullYear() >= EARLIEST_PLAUSIBLE_YEAR && time <= now + MAX_FUTURE_MS
  );
}

function fromParts(year: number, month: number, day: number, now: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || !plausible(date, now)) return null;
  return date.toISOString();
}

/**
 * A machine-readable date (ISO 8601, RFC 2822, epoch seconds or milliseconds) as ISO UTC, or
 * null. A date and time without a zone is taken as UTC: a guess, but the same on every machine.
 */
export function toIsoUtc(value: string | null | undefined, now = Date.now()): string | null {
  const input = value?.trim();
  if (!input) return null;
  if (/^\d{9,13}$/.test(input)) {
    const number = Number(input);
    const date = new Date(input.length <= 10 ? number * 1000 : number);
    return plausible(date, now) ? date.toISOString() : null;
  }
  let normalized = input.replace(/^(\d{4}-\d{2}-\d{2})\s+(\d)/, '$1T$2');
  // "+0000" and "+00" offsets: JavaScript wants "+00:00".
  normalized = normalized.replace(/([+-]\d{2})(\d{2})$/, '$1:$2').replace(/(T[\d:.]+[+-]\d{2})$/, '$1:00');
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(normalized)) normalized += 'Z';
  if (/^\d{4}-\d{2}-\d{2}$/.test(normalized)) normalized += 'T00:00:00Z';
  const parsed = new Date(normalized);
  if (plausible(parsed, now)) return parsed.toISOString();
  return parseDateline(input, now);
}

const MONTH_INDEX = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function withTime(
  year: number,
  month: number,
  day: number,
  parts: Array<string | undefined>,
  now: number,
): string | null {
  const [hourText, minuteText, secondText, meridiem, zone] = parts;
  if (hourText === undefined) return fromParts(year, month, day, now);
  let hour = Number(hourText);
  if (meridiem) {
    const pm = meridiem.toLowerCase().startsWith('p');
    if (hour === 12) hour = pm ? 12 : 0;
    else if (pm) hour += 12;
  }
  if (hour > 23) return fromParts(year, month, day, now);
  const pad = (number: number) => String(number).padStart(2, '0');
  const offset = ZONE_OFFSETS[(zone ?? 'UTC').toUpperCase()] ?? '+00:00';
  const iso = `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${minuteText}:${secondText ?? '00'}${offset}`;
  const date = new Date(iso);
  return plausible(date, now) ? date.toISOString() : null;
}

/** The first human-written date in a text ("Updated Nov. 19, 2019 at 11:04 p.m. EST"), as ISO UTC. */
export function parseDateline(text: string, now = Date.now()): string | null {
  const monthFirst = text.match(MONTH_DAY_YEAR);
  const dayFirst = text.match(DAY_MONTH_YEAR);
  const iso = text.match(ISO_LIKE);
  const candidates = [monthFirst, dayFirst, iso].filter((match) => match !== null);
  candidates.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const match = candidates[0];
  if (!match) return null;
  if (match === iso)
    return withTime(Number(match[1]), Number(match[2]), Number(match[3]), match.slice(4), now);
  const [monthName, dayText] = match === monthFirst ? [match[1]!, match[2]!] : [match[2]!, match[1]!];
  const month = MONTH_INDEX.indexOf(monthName.slice(0, 3).toLowerCase()) + 1;
  return withTime(Number(match[3]), month, Number(dayText), match.slice(4), now);
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
    if (match) {
      const iso = fromParts(Number(match[1]), Number(match[2]), Number(match[3]), now);
      if (iso) return iso;
    }
  }
  return null;
}
