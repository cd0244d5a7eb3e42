import { cacheLife, cacheTag } from 'next/cache';
import { webConfig } from '../env';

// Next.js inlines NEXT_RUNTIME into its server bundles. A unit test that calls a route handler
// directly runs without Next.js's cache: there 'use cache' is an inert string and reads go to the
// database, so the lifetime and tags are not set.
export const IN_NEXT_SERVER = Boolean(process.env.NEXT_RUNTIME);

/** Tags of the cached reads, expired at once by an admin change (lib/cache/forget.ts). */
export const CACHE_TAGS = {
  /** Story lists, story pages, feeds out. */
  stories: 'stories',
  /** The sources page and the front page's filter menus. */
  sources: 'sources',
} as const;

/** Inside a 'use cache' function: its answer is kept `ms`, under `tags`; 0 keeps nothing. */
export function keepFor(ms: number, ...tags: string[]): void {
  if (!IN_NEXT_SERVER) return;
  const seconds = ms / 1000;
  // The server drops an entry after `revalidate`; `stale` concerns browsers' router caches.
  cacheLife({ stale: seconds, revalidate: seconds, expire: seconds });
  if (tags.length > 0) cacheTag(...tags);
}

/** Inside a 'use cache' read of the database: kept for WEB_CACHE_TTL_MS under `tags`. */
export function keepRead(...tags: string[]): void {
  keepFor(webConfig().WEB_CACHE_TTL_MS, ...tags);
}
