import { createDb, type Db } from '@newsfeed/db';

/** Opens (and migrates) the database DATABASE_URL names. */
export async function openDb(url: string): Promise<Db> {
  return createDb(url);
}
