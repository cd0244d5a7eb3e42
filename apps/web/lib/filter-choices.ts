import type { Db, FeedWithStats } from '@newsfeed/db';
import { changeMarker } from './cache/change-marker';
import { CACHE_TAGS, keepRead } from './cache/keep';
import { getDb } from './db';

// The front page's filter menus (sources, folders, languages) change only when a feed is added or
// polled, but every front-page view needs them: they are cached like the pages' other reads, keyed
// on the polls part of the change marker.
/** Above this many sources a <select> stops being usable; the sources page links to each one's stories. */
export const MAX_SOURCE_CHOICES = 100;

export interface FilterChoices {
  /** Null when there are too many sources to list. */
  sources: FeedWithStats[] | null;
  folders: string[];
  languages: string[];
  /** Whether any (enabled) source exists at all. */
  hasSources: boolean;
  /** Enabled sources whose last poll failed (among the first MAX_SOURCE_CHOICES). */
  failingSources: number;
}

async function load(db: Db): Promise<FilterChoices> {
  const [feeds, folders] = await Promise.all([
    db.feeds.list({ limit: MAX_SOURCE_CHOICES }),
    db.feeds.folders(),
  ]);
  const languages = [
    ...new Set(feeds.items.map((feed) => feed.language).filter((code) => code !== null)),
  ].sort();
  return {
    sources: feeds.nextCursor === null ? feeds.items : null,
    folders,
    languages,
    hasSources: feeds.items.length > 0,
    failingSources: feeds.items.filter((feed) => feed.errorCount > 0).length,
  };
}

async function filterChoicesAt(_marker: string): Promise<FilterChoices> {
  'use cache';
  keepRead(CACHE_TAGS.sources);
  return load(await getDb());
}

export async function filterChoices(): Promise<FilterChoices> {
  return filterChoicesAt(await changeMarker('polls'));
}
