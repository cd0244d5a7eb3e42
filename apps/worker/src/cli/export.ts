import { subscriptionsOpml } from '../deps/parser.js';
import type { WorkerConfig } from '../env.js';
import type { CommandIo } from './io.js';
import { withDb } from './open-db.js';

/** `export`: every subscription as OPML on stdout, as the admin page's export writes it. */
export async function exportFeeds(config: WorkerConfig, io: CommandIo): Promise<number> {
  return withDb(config, async (db) => {
    io.out(subscriptionsOpml('Newsfeed subscriptions', await db.subscriptions.all()));
    return 0;
  });
}
