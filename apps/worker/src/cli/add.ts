import type { WorkerConfig } from '../env.js';
import { httpClientFor } from '../runtime.js';
import { resolveFeedUrl, subscribe } from '../subscriptions.js';
import type { CommandIo } from './io.js';
import { withDb } from './open-db.js';

/** `add URL`: finds the feed behind the address, then subscribes to it. */
export async function addFeed(url: string, config: WorkerConfig, io: CommandIo): Promise<number> {
  const http = httpClientFor(config);
  try {
    const found = await resolveFeedUrl(http, url);
    return await withDb(config, async (db) => {
      const { feed, added } = await subscribe(db, { url: found.url, title: found.title });
      io.out(
        `${added ? 'added' : 'already subscribed'}: #${feed.id} ${feed.url}${feed.title ? ` (${feed.title})` : ''}`,
      );
      return 0;
    });
  } finally {
    await http.close();
  }
}
