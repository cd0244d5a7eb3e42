import { subscribableUrl } from '../deps/parser.js';
import type { WorkerConfig } from '../env.js';
import type { CommandIo } from './io.js';
import { withDb } from './open-db.js';

/**
 * `add URL`: subscribes to a feed or a site by the same rule as the admin page (subscribableUrl);
 * the first poll (`once`, or the running worker) finds the feed a site's page advertises.
 */
export async function addFeed(input: string, config: WorkerConfig, io: CommandIo): Promise<number> {
  const url = subscribableUrl(input);
  return withDb(config, async (db) => {
    const { feed, added } = await db.subscriptions.subscribe({ url });
    io.out(
      added
        ? `added: #${feed.id} ${feed.url} (polled by the next \`once\` or the running worker; a site's page is searched for its feed)`
        : `already subscribed: #${feed.id} ${feed.url}${feed.title ? ` (${feed.title})` : ''}`,
    );
    return 0;
  });
}
