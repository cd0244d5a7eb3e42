import { headers } from 'next/headers';
import { FRESH_READ_HEADER } from './page-render';
import type { ReadCache } from './read-cache';

// A page rendered for the page cache is served for WEB_PAGE_CACHE_TTL_MS; if it took its stories
// from the read cache, they could already be WEB_CACHE_TTL_MS old, and a new poll would show only
// after both. Such renders read the database (and renew the read cache for everyone else), so a
// new poll shows within one WEB_PAGE_CACHE_TTL_MS.

/** cache.get(key, load), or a fresh load when this request is the page cache's own render. */
export async function cachedRead<V>(cache: ReadCache<V>, key: string, load: () => Promise<V>): Promise<V> {
  const forPageCache = (await headers()).get(FRESH_READ_HEADER) === '1';
  return forPageCache ? cache.reload(key, load) : cache.get(key, load);
}
