import type { Db } from '@newsfeed/db';
import { pageOrInvalid } from '../client-errors';
import { getDb } from '../db';
import { webConfig } from '../env';
import { type StoryQuery, toStoryFilter } from '../story-filters';
import { changeMarker } from './change-marker';
import { CACHE_TAGS, keepRead } from './keep';

// The public pages' reads, kept by Next.js ('use cache') per argument list for at most
// WEB_CACHE_TTL_MS. Each exported read passes the parts of the database's change marker it shows to
// its cached twin, so they are part of the cache key: new items or stories (and, for the sources
// page, a new poll) make the next page view read afresh, and an admin change expires the tags at once.
// A source renamed by a poll shows in story lists with their next change, or after WEB_CACHE_TTL_MS.

export type TopStories = Awaited<ReturnType<Db['stories']['listTop']>>;

async function topStoriesAt(query: StoryQuery, _marker: string): Promise<TopStories | null> {
  'use cache';
  keepRead(CACHE_TAGS.stories, CACHE_TAGS.sources);
  const db = await getDb();
  const filter = toStoryFilter(query, new Date());
  return pageOrInvalid(
    db.stories.listTop({ ...filter, limit: webConfig().WEB_PAGE_SIZE, cursor: query.cursor }),
  );
}

/** The front page's stories for these filters and cursor; null when the cursor was rejected. */
export async function topStories(query: StoryQuery): Promise<TopStories | null> {
  return topStoriesAt(query, await changeMarker('stories'));
}

export type StoryDetail = Awaited<ReturnType<Db['stories']['get']>>;

async function storyAt(id: number, _marker: string): Promise<StoryDetail> {
  'use cache';
  keepRead(CACHE_TAGS.stories);
  return (await getDb()).stories.get(id);
}

/** A story with its items, or null. */
export async function storyDetail(id: number): Promise<StoryDetail> {
  return storyAt(id, await changeMarker('stories'));
}

export type SearchResults = Awaited<ReturnType<Db['search']['query']>>;

/**
 * One page of search results for a query, optionally within one source. Read afresh, not kept: most
 * searches are new, and storing each one's results in Next's cache cost more than the read; a
 * repeated search's page is kept by the rendered-page cache.
 */
export async function searchResults(
  query: string,
  source: number | null,
  cursor: string | null,
): Promise<SearchResults> {
  const db = await getDb();
  const request = { query, limit: webConfig().WEB_PAGE_SIZE, ...(source ? { feedId: source } : {}) };
  // A stale or mangled cursor falls back to the first page of results.
  return (await pageOrInvalid(db.search.query({ ...request, cursor }))) ?? db.search.query(request);
}

export type SourcesPage = Awaited<ReturnType<Db['feeds']['list']>>;

async function sourcesAt(limit: number, cursor: string | null, _marker: string): Promise<SourcesPage> {
  'use cache';
  keepRead(CACHE_TAGS.sources);
  const db = await getDb();
  // A stale or mangled cursor falls back to the first page.
  return (
    (await pageOrInvalid(db.feeds.list({ includeDisabled: true, limit, cursor }))) ??
    db.feeds.list({ includeDisabled: true, limit })
  );
}

/** One page of every source, disabled ones included. */
export async function sourcesPage(limit: number, cursor: string | null): Promise<SourcesPage> {
  return sourcesAt(limit, cursor, await changeMarker('stories', 'polls'));
}
