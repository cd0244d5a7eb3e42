import type { Db, FeedWithStats } from '@newsfeed/db';
import { forgetCachedReads, ReadCache } from './read-cache';

// The front page's filter menus (sources, folders, languages) change only when a feed is added or
// polled for the first time, but every front-page view needs them: one copy per process, refreshed
// after a short time, keeps them off the hot path.

/** How long the menus may lag behind a newly added source. */
export const FILTER_CHOICES_TTL_MS = 30_000;
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

const cached = new ReadCache<FilterChoices>(() => FILTER_CHOICES_TTL_MS, 1);

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

export function filterChoices(db: Db, now: number = Date.now()): Promise<FilterChoices> {
  return cached.get('menus', () => load(db), now);
}

/** After an admin change, so the next page view sees it (and every other cached read). */
export function forgetFilterChoices(): void {
  forgetCachedReads();
}
