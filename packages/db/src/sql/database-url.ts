import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** Where the database lives when DATABASE_URL is unset: a file under the checkout's ./data, no server needed. */
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
 * The folder relative SQLite paths are read against: the checkout holding `from` (nearest folder up
 * with pnpm-workspace.yaml), so every app opens the same file wherever it starts; else `from` itself.
 */
export function projectRoot(from = process.cwd()): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) return resolve(from);
  }
}

/** The open database in words for logs and `stats`: the SQLite file, or the PostgreSQL URL without its password. */
export function describeDatabase(location: DatabaseLocation): string {
  if (location.engine === 'sqlite') return `SQLite ${location.path}`;
  const url = new URL(location.connectionString);
  if (url.password) url.password = '***';
  return `PostgreSQL ${url.toString()}`;
}

/**
 * Reads a DATABASE_URL: `file:PATH`, `sqlite:PATH` or a path ending in .db/.sqlite is SQLite (relative
 * to `baseDir`), `postgres://` or `postgresql://` PostgreSQL.
 */
export function parseDatabaseUrl(url: string | undefined | null, baseDir = projectRoot()): DatabaseLocation {
  const value = url?.trim() || DEFAULT_DATABASE_URL;
  if (/^postgres(ql)?:\/\//i.test(value)) return { engine: 'postgres', connectionString: value, url: value };
  const match = /^(?:file|sqlite):(?:\/\/)?(.*)$/i.exec(value);
  const rawPath = match ? match[1]! : /\.(db|sqlite3?)$/i.test(value) ? value : null;
  if (rawPath === null)
    throw new DatabaseUrlError(value, 'use file:PATH for SQLite or postgres://… for PostgreSQL');
  if (rawPath === '') throw new DatabaseUrlError(value, 'the SQLite path is empty');
  const path = rawPath === ':memory:' || isAbsolute(rawPath) ? rawPath : resolve(baseDir, rawPath);
  return { engine: 'sqlite', path, url: value };
}
