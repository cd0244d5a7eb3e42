// Dates as people print them on a page: "January 5, 2022 10:30 AM EST", "5. Januar 2022",
// "5 de enero de 2022", "2022-01-05T10:30:00Z", "05.01.2022 14:30". Turned into ISO 8601 UTC.

const MONTHS: Readonly<Record<string, number>> = (() => {
  const names: ReadonlyArray<readonly [number, string]> = [
    [1, 'january jan janvier janv januar jänner enero ene gennaio gen janeiro januari январь января янв'],
    [
      2,
      'february feb fevrier février févr fevr februar febrero febbraio fevereiro fev februari февраль февраля фев',
    ],
    [3, 'march mar mars märz maerz marzo março marco maart март марта'],
    [4, 'april apr avril abril aprile abr апрель апреля апр'],
    [5, 'may mai mayo maggio maio mei май мая'],
    [6, 'june jun juin juni junio giugno junho июнь июня'],
    [7, 'july jul juillet juil juli julio luglio lug julho июль июля'],
    [8, 'august aug aout août agosto ago augustus август августа авг'],
    [9, 'september sep sept septembre septiembre settembre set setembro сентябрь сентября сен'],
    [10, 'october oct octobre oktober okt octubre ottobre ott outubro out октябрь октября окт'],
    [11, 'november nov novembre noviembre novembro ноябрь ноября ноя'],
    [12, 'december dec décembre decembre dezember dez diciembre dic dicembre dezembro декабрь декабря дек'],
  ];
  const table: Record<string, number> = {};
  for (const [month, words] of names) for (const word of words.split(' ')) table[word] = month;
  return table;
})();

/** Zone abbreviations a dateline may end with, as minutes east of UTC. */
const ZONES: Readonly<Record<string, number>> = {
  utc: 0,
  gmt: 0,
  z: 0,
  bst: 60,
  cet: 60,
  cest: 120,
  eet: 120,
  eest: 180,
  msk: 180,
  ist: 330,
  jst: 540,
  kst: 540,
  aest: 600,
  aedt: 660,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

const MONTH_NAME = '([\\p{L}]{3,10})\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th|er|º|\\.)?';
const YEAR = '(\\d{4})';
const TIME =
  '(?:\\s*(?:,|at|à|um|alle|às|a las|om|в|-|–|\\||•)?\\s*(\\d{1,2})[:.h](\\d{2})(?::(\\d{2}))?\\s*([ap]\\.?\\s?m\\.?)?\\s*(?:uhr|h)?\\s*(?:\\(?\\s*((?:utc|gmt)\\s?[+-]\\d{1,2}(?::?\\d{2})?|[+-]\\d{2}:?\\d{2}|[a-z]{1,4}(?![\\p{L}]))\\s*\\)?)?)?';

const PATTERNS: ReadonlyArray<{ pattern: RegExp; order: 'ymd' | 'mdy' | 'dmy' | 'numeric' }> = [
  {
    pattern:
      /(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(z|[+-]\d{2}:?\d{2})?)?/iu,
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

export interface VisibleDate {
  /** ISO 8601 UTC. */
  iso: string;
  /** Where in the line the date was found, to see what else the line holds. */
  index: number;
  length: number;
  /** No zone was printed: the time is read as UTC. */
  zoneAssumed: boolean;
}

function zoneOffsetMinutes(zone: string | undefined): number | null {
  if (!zone) return null;
  const lower = zone.toLowerCase().replace(/\s/g, '');
  if (lower in ZONES) return ZONES[lower]!;
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
  const offset = zoneOffsetMinutes(time.zone);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second) - (offset ?? 0) * 60_000;
  const date = new Date(utc);
  // Date.UTC rolls 31 February into March: such a date was not a date.
  if (offset === null && date.getUTCDate() !== day) return null;
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
      [month, day, year] = [MONTHS[groups[0]!.toLowerCase()], Number(groups[1]), Number(groups[2])];
      rest = groups.slice(3);
    } else if (order === 'dmy') {
      [day, month, year] = [Number(groups[0]), MONTHS[groups[1]!.toLowerCase()], Number(groups[2])];
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
    const [hour, minute, second, meridiem, zone] = rest;
    const built = buildIso(year, month, day, { hour, minute, second, meridiem, zone });
    if (built) return { ...built, index: match.index, length: match[0].length };
  }
  return null;
}
