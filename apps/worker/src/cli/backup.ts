import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createDb, parseDatabaseUrl } from '@newsfeed/db';
import type { WorkerConfig } from '../env.js';
import { type CommandIo, UsageError } from './io.js';

// `backup FILE` and `restore FILE`: SQLite through its own snapshot copy, PostgreSQL through
// pg_dump/pg_restore (its own tools know its types, roles and large objects better than we would).

export interface BackupResult {
  file: string;
  items: number;
  stories: number;
  feeds: number;
}

function runPostgresTool(tool: string, args: string[]): void {
  const result = spawnSync(tool, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (result.error) {
    throw new UsageError(
      `${tool} is needed to back up or restore PostgreSQL and could not be run (${result.error.message}): install the PostgreSQL client tools`,
    );
  }
  if (result.status !== 0) throw new Error(`${tool} failed (exit ${result.status}): ${result.stderr.trim()}`);
}

async function countsOf(databaseUrl: string): Promise<Omit<BackupResult, 'file'>> {
  const db = await createDb(databaseUrl, { migrate: false, checkpointIntervalMs: 0 });
  try {
    const stats = await db.stats();
    return { items: stats.items, stories: stats.stories, feeds: stats.feeds };
  } finally {
    await db.close();
  }
}

/** Writes a consistent copy of DATABASE_URL's database to `file` (which must not exist yet). */
export async function backupDatabase(databaseUrl: string, file: string): Promise<BackupResult> {
  const target = resolve(file);
  if (existsSync(target)) throw new UsageError(`backup: ${target} already exists; choose a new file name`);
  const location = parseDatabaseUrl(databaseUrl);
  if (location.engine === 'postgres') {
    runPostgresTool('pg_dump', [
      '--format=custom',
      '--no-owner',
      `--file=${target}`,
      location.connectionString,
    ]);
    return { file: target, ...(await countsOf(databaseUrl)) };
  }
  const db = await createDb(databaseUrl, { checkpointIntervalMs: 0 });
  try {
    await db.maintenance.backupTo(target);
  } finally {
    await db.close();
  }
  return { file: target, ...(await countsOf(`file:${target}`)) };
}

/**
 * Replaces DATABASE_URL's database with the backup in `file`. SQLite: the copy is checked (opened and
 * migrated to this version) beside the target and then renamed over it, so a bad file never
 * replaces a good database. Stop the worker and the web app first.
 */
export async function restoreDatabase(databaseUrl: string, file: string): Promise<BackupResult> {
  const source = resolve(file);
  if (!existsSync(source)) throw new UsageError(`restore: ${source} does not exist`);
  const location = parseDatabaseUrl(databaseUrl);
  if (location.engine === 'postgres') {
    runPostgresTool('pg_restore', [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--single-transaction',
      `--dbname=${location.connectionString}`,
      source,
    ]);
    return { file: source, ...(await countsOf(databaseUrl)) };
  }
  const staging = `${location.path}.restoring`;
  mkdirSync(dirname(staging), { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${staging}${suffix}`, { force: true });
  copyFileSync(source, staging);
  try {
    // Opening migrates an older backup forward and refuses one newer than this code.
    const db = await createDb(`file:${staging}`, { checkpointIntervalMs: 0 });
    await db.close();
  } catch (error) {
    rmSync(staging, { force: true });
    throw new UsageError(`restore: ${source} is not a usable Newsfeed database: ${(error as Error).message}`);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${location.path}${suffix}`, { force: true });
  renameSync(staging, location.path);
  return { file: source, ...(await countsOf(databaseUrl)) };
}

function summary(verb: string, result: BackupResult): string {
  return `${verb} ${result.file}: ${result.feeds} feeds, ${result.items} items, ${result.stories} stories`;
}

/** `backup FILE`: needs no poller, only the database it copies. */
export async function backupCommand(file: string, config: WorkerConfig, io: CommandIo): Promise<number> {
  io.out(summary('backed up to', await backupDatabase(config.DATABASE_URL, file)));
  return 0;
}

/** `restore FILE`: must not open the database it replaces before the copy is checked. */
export async function restoreCommand(file: string, config: WorkerConfig, io: CommandIo): Promise<number> {
  io.out(summary('restored from', await restoreDatabase(config.DATABASE_URL, file)));
  return 0;
}
