import { DbInputError } from './errors.js';

// Times are stored as integer milliseconds since the epoch on both engines (INTEGER in SQLite, BIGINT
// in PostgreSQL), so they compare, index and round-trip identically; the API speaks ISO 8601 UTC.

export function toMillis(value: string | Date, field: string): number {
  const millis = value instanceof Date ? value.getTime() : Date.parse(value);
  if (!Number.isFinite(millis))
    throw new DbInputError(`${field} is not a valid time: ${JSON.stringify(value)}`);
  return millis;
}

export function toMillisOrNull(value: string | Date | null | undefined, field: string): number | null {
  return value === null || value === undefined ? null : toMillis(value, field);
}

export function toIso(millis: number | string): string {
  return new Date(Number(millis)).toISOString();
}

export function toIsoOrNull(millis: number | string | null): string | null {
  return millis === null ? null : toIso(millis);
}
