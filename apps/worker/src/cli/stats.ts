import { describeDatabase, parseDatabaseUrl } from '@newsfeed/db';
import type { WorkerConfig } from '../env.js';
import type { CommandIo } from './io.js';
import { withDb } from './open-db.js';

/** `stats`: counts of feeds, items, stories and polls, and how many feeds are due. */
export async function printStats(config: WorkerConfig, io: CommandIo): Promise<number> {
  return withDb(config, async (db) => {
    const stats = await db.stats();
    const due = await db.feeds.countDue();
    const database = describeDatabase(parseDatabaseUrl(config.DATABASE_URL));
    io.out(JSON.stringify({ database, ...stats, feedsDue: due }, null, 2));
    return 0;
  });
}
