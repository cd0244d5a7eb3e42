// Time zones a caller can name for dates that carry none: a fixed offset ("+02:00", "-0500",
// "UTC+3", "Z") or an IANA zone ("Europe/Berlin"), whose offset depends on the date (DST).

export type TimeZone =
  | { kind: 'offset'; minutes: number; name: string }
  | { kind: 'iana'; name: string; format: Intl.DateTimeFormat };

const UTC_NAMES = /^(?:z|utc|gmt|ut)$/i;
const OFFSET = /^(?:utc|gmt)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i;
/** Real offsets run from -12:00 to +14:00; a little slack for historical local mean times. */
const MAX_OFFSET_MINUTES = 18 * 60;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** "+02:00" for 120, "-05:30" for -330. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

export function offsetZone(minutes: number): TimeZone {
  return { kind: 'offset', minutes, name: minutes === 0 ? 'UTC' : formatOffset(minutes) };
}

export const UTC: TimeZone = offsetZone(0);

/** IANA zones already built (an Intl.DateTimeFormat is costly to make once per feed). */
const IANA_ZONES = new Map<string, TimeZone>();

/**
 * Reads a zone a caller names: an IANA name ("America/New_York"), a fixed offset ("+02:00",
 * "-0500", "+2", "UTC+3") or UTC ("UTC", "GMT", "Z").
 * @throws RangeError when `spec` is neither.
 */
export function parseTimeZone(spec: string): TimeZone {
  const trimmed = spec.trim();
  if (UTC_NAMES.test(trimmed)) return UTC;
  // Only names Intl accepted are kept, so the cache is bounded by the zone database.
  const known = IANA_ZONES.get(trimmed);
  if (known) return known;
  const offset = OFFSET.exec(trimmed);
  if (offset) {
    const [, sign, hours, minutes] = offset;
    const total = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes ?? 0));
    if (Number(minutes ?? 0) < 60 && Math.abs(total) <= MAX_OFFSET_MINUTES) return offsetZone(total);
  } else if (trimmed) {
    try {
      const format = new Intl.DateTimeFormat('en-US', {
        timeZone: trimmed,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
      const zone: TimeZone = { kind: 'iana', name: format.resolvedOptions().timeZone, format };
      IANA_ZONES.set(trimmed, zone);
      return zone;
    } catch {
      // Not a zone Intl knows: reported below.
    }
  }
  throw new RangeError(
    `Unknown time zone ${JSON.stringify(spec)}: expected an IANA name (e.g. "Europe/Berlin") or an offset (e.g. "+02:00")`,
  );
}

/** Whether `spec` names a zone parseTimeZone accepts. */
export function isTimeZone(spec: string): boolean {
  try {
    parseTimeZone(spec);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC (minutes) at the instant `utcMs`. */
function ianaOffsetAt(format: Intl.DateTimeFormat, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(utcMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  // Whole seconds: the instant's milliseconds are not in the formatted parts.
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((wall - (utcMs - (((utcMs % 1000) + 1000) % 1000))) / 60_000);
}

/**
 * The instant at which clocks in `zone` show the wall time `wallMs` (its fields read as UTC). Around
 * a DST change, as Temporal's "compatible" rule: a repeated time is the earlier one, a skipped time
 * is moved forward by the gap.
 */
export function wallTimeToInstant(wallMs: number, zone: TimeZone): number {
  if (zone.kind === 'offset') return wallMs - zone.minutes * 60_000;
  // Offsets change at most once within a day of any real wall time.
  const before = ianaOffsetAt(zone.format, wallMs - DAY_MS);
  const after = ianaOffsetAt(zone.format, wallMs + DAY_MS);
  const candidates = [wallMs - before * 60_000, wallMs - after * 60_000].filter(
    (instant) => wallMs - ianaOffsetAt(zone.format, instant) * 60_000 === instant,
  );
  if (candidates.length > 0) return Math.min(...candidates);
  return wallMs - before * 60_000;
}
