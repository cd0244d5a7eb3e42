import { copyFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

// A throwaway copy of a seeded SQLite benchmark database, so that a run which ingests into it leaves
// the seed as it was (seeding a million items takes ~20 minutes).

export interface SqliteCopy {
  url: string;
  remove(): void;
}

/** Copies `source` (its log checkpointed into the file first) to `<label>.db` next to it. */
export function copySqliteDatabase(source: string, label: string): SqliteCopy {
  const copy = path.join(path.dirname(source), `${label}.db`);
  const seed = new BetterSqlite3(source, { fileMustExist: true });
  seed.pragma('wal_checkpoint(TRUNCATE)');
  seed.close();
  const remove = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true });
  };
  remove();
  copyFileSync(source, copy);
  return { url: `file:${copy}`, remove };
}
