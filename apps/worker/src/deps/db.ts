// createDb is being landed by the storage engineer; until it is exported it is looked up at run time.
import * as dbModule from '@newsfeed/db';
import type { Db } from '@newsfeed/db';

export class DbUnavailableError extends Error {
  readonly code = 'DB_UNAVAILABLE';
  constructor() {
    super('@newsfeed/db does not export createDb; rebuild it (pnpm turbo run build --filter=@newsfeed/db)');
    this.name = 'DbUnavailableError';
  }
}

export async function openDb(url: string): Promise<Db> {
  const create = (dbModule as unknown as { createDb?: (url?: string) => Promise<Db> }).createDb;
  if (!create) throw new DbUnavailableError();
  return create(url);
}
