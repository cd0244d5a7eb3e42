import { DbInputError } from '../errors.js';

// Times are stored as integer milliseconds on both engines, so they compare and round-trip alike; the
// API speaks ISO 8601 UTC.

export function toMillis(value: string | Date, field: string): number {
  const millis = value instanceof Date ? value.getTime() : Date.parse(value);
  if (!Number.isFinite(millis))
    throw new DbInputError(`${field} is not a valid time: ${JSON.stringify(value)}`);
  return millis;
}

export function toMillisOrNull(value: string | Date | null | undefined, field: string): number | null {
  return value === null || value === undefined ? null : toMillis(value, field);
}

/** ISO strings made lately, by milliseconds: the ingest path formats the same few times over and over. */
const isoStrings = new Map<number, string>();
/** Past this many, the memo starts over (about a megabyte). */
const MAX_ISO_STRINGS = 10_000;

export function toIso(millis: number | string): string {
  const key = Number(millis);
  let iso = isoStrings.get(key);
  if (iso === undefined) {
    iso = new Date(key).toISOString();
    if (isoStrings.size >= MAX_ISO_STRINGS) isoStrings.clear();
    isoStrings.set(key, iso);
  }
  return iso;
}

export function toIsoOrNull(millis: number | string | null): string | null {
  return millis === null ? null : toIso(millis);
}
