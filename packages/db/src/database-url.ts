import { isAbsolute, resolve } from 'node:path';

/** Where the database lives when DATABASE_URL is unset: a file under ./data, no server needed. */
export const DEFAULT_DATABASE_URL = 'file:./data/newsfeed.db';

export type DatabaseLocation =
  | { engine: 'sqlite'; path: string; url: string }
  | { engine: 'postgres'; connectionString: string; url: string };

export class DatabaseUrlError extends Error {
  readonly code = 'INVALID_DATABASE_URL';
  constructor(url: string, reason: string) {
    // The URL may carry a password: only its scheme goes into the message.
    super(`Unsupported DATABASE_URL (${url.split(':')[0]}:…): ${reason}`);
    this.name = 'DatabaseUrlError';
  }
}

/**
 * Reads a DATABASE_URL: `file:PATH` (or `sqlite:PATH`, or a bare path ending in .db/.sqlite) is
 * SQLite, relative paths against `cwd`; `postgres://` or `postgresql://` is PostgreSQL.
 */
export function parseDatabaseUrl(url: string | undefined | null, cwd = process.cwd()): DatabaseLocation {
  const value = url?.trim() || DEFAULT_DATABASE_URL;
  if (/^postgres(ql)?:\/\//i.test(value)) return { engine: 'postgres', connectionString: value, url: value };
  const match = /^(?:file|sqlite):(?:\/\/)?(.*)$/i.exec(value);
  const rawPath = match ? match[1]! : /\.(db|sqlite3?)$/i.test(value) ? value : null;
  if (rawPath === null)
    throw new DatabaseUrlError(value, 'use file:PATH for SQLite or postgres://… for PostgreSQL');
  if (rawPath === '') throw new DatabaseUrlError(value, 'the SQLite path is empty');
  if (rawPath === ':memory:') return { engine: 'sqlite', path: ':memory:', url: value };
  const path = isAbsolute(rawPath) ? rawPath : resolve(cwd, rawPath);
  return { engine: 'sqlite', path, url: value };
}
