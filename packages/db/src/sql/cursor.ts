import { type RawBuilder, sql } from 'kysely';
import { DbCursorError, DbInputError } from '../errors.js';

// Opaque keyset cursors: the sort key of the last row of a page, tagged with the list it belongs to,
// base64url-encoded so callers treat it as a token and never build one by hand.

export function encodeCursor(list: string, values: number[]): string {
  return Buffer.from(JSON.stringify([list, ...values]), 'utf8').toString('base64url');
}

/** The cursor's values, checked to be `count` finite numbers of the right list; throws DbCursorError. */
export function decodeCursor(list: string, cursor: string, count: number): number[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw new DbCursorError(cursor, { cause: error });
  }
  if (!Array.isArray(parsed) || parsed[0] !== list || parsed.length !== count + 1)
    throw new DbCursorError(cursor);
  const values = parsed.slice(1) as unknown[];
  if (!values.every(Number.isFinite)) throw new DbCursorError(cursor);
  return values as number[];
}

/** The rows after a cursor of `list` sorted by `sortColumn`, then `idColumn`, both descending. */
export function keysetAfter(
  list: string,
  cursor: string | null | undefined,
  sortColumn: string,
  idColumn: string,
): RawBuilder<unknown> {
  if (!cursor) return sql`true`;
  const [key, id] = decodeCursor(list, cursor, 2);
  const [sort, tie] = [sql.ref(sortColumn), sql.ref(idColumn)];
  return sql`(${sort} < ${key} OR (${sort} = ${key} AND ${tie} < ${id}))`;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1)
    throw new DbInputError(`page limit must be a positive integer, got ${limit}`);
  return Math.min(limit, MAX_PAGE_SIZE);
}

/** Splits the `limit + 1` rows a page query fetched into the page and the cursor for the next one. */
export function toPage<Row, T>(
  rows: Row[],
  limit: number,
  map: (row: Row) => T,
  cursorOf: (row: Row) => string,
): { items: T[]; nextCursor: string | null } {
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(map),
    nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null,
  };
}
