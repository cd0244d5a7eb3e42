import { DbConstraintError } from '../errors.js';
import type {
  Feed,
  FeedsApi,
  NewFeed,
  SubscribeAllResult,
  SubscribeResult,
  SubscriptionsApi,
} from '../types.js';

// Subscribing for the worker's CLI and the web admin: a stored address is reported as existing, never
// added twice, even by two processes at once. Addresses arrive checked (parser's subscribableUrl).

const EXPORT_PAGE = 500;

export function createSubscriptionsApi(feeds: FeedsApi): SubscriptionsApi {
  async function subscribe(feed: NewFeed): Promise<SubscribeResult> {
    const existing = await feeds.getByUrl(feed.url);
    if (existing) return { feed: existing, added: false };
    try {
      return { feed: await feeds.add(feed), added: true };
    } catch (error) {
      // Another process subscribed the same URL between the lookup and the insert.
      const raced = error instanceof DbConstraintError ? await feeds.getByUrl(feed.url) : null;
      if (raced) return { feed: raced, added: false };
      throw error;
    }
  }

  return {
    subscribe,

    async subscribeAll(list, onProgress) {
      const result: SubscribeAllResult = { added: 0, existing: 0 };
      let done = 0;
      for (const feed of list) {
        const outcome = await subscribe(feed);
        if (outcome.added) result.added++;
        else result.existing++;
        onProgress?.(++done, outcome);
      }
      return result;
    },

    async all() {
      const all: Feed[] = [];
      let cursor: string | null = null;
      do {
        const page = await feeds.list({ limit: EXPORT_PAGE, cursor, includeDisabled: true });
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return all;
    },
  };
}
