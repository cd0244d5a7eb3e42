import type { StoryFilter } from '@newsfeed/db';

// The front page's filters as they appear in the URL (?source=3&folder=Tech&lang=en&window=24h) and
// as the database wants them. Anything malformed is ignored rather than turned into an error page.

export const TIME_WINDOWS = {
  '1h': { label: 'Last hour', seconds: 3600 },
  '6h': { label: 'Last 6 hours', seconds: 6 * 3600 },
  '24h': { label: 'Last 24 hours', seconds: 24 * 3600 },
  '7d': { label: 'Last 7 days', seconds: 7 * 24 * 3600 },
  '30d': { label: 'Last 30 days', seconds: 30 * 24 * 3600 },
} as const;

export type TimeWindow = keyof typeof TIME_WINDOWS;

export interface StoryQuery {
  source: number | null;
  folder: string | null;
  language: string | null;
  window: TimeWindow | null;
  cursor: string | null;
}

export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a query parameter, trimmed, or null. */
export function param(params: SearchParams | URLSearchParams, name: string): string | null {
  const raw = params instanceof URLSearchParams ? params.get(name) : params[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, 500) : null;
}

/** A positive integer id from a parameter or path segment, or null. */
export function parseId(raw: string | null | undefined): number | null {
  if (!raw || !/^\d{1,15}$/.test(raw)) return null;
  const id = Number(raw);
  return id > 0 && Number.isSafeInteger(id) ? id : null;
}

export function parseStoryQuery(params: SearchParams | URLSearchParams): StoryQuery {
  const window = param(params, 'window');
  const language = param(params, 'lang');
  return {
    source: parseId(param(params, 'source')),
    folder: param(params, 'folder'),
    language: language && /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(language) ? language.toLowerCase() : null,
    window: window && window in TIME_WINDOWS ? (window as TimeWindow) : null,
    cursor: param(params, 'cursor'),
  };
}

export function toStoryFilter(query: StoryQuery, now: Date = new Date()): StoryFilter {
  const filter: StoryFilter = {};
  if (query.source !== null) filter.feedId = query.source;
  if (query.folder !== null) filter.folder = query.folder;
  if (query.language !== null) filter.language = query.language;
  if (query.window !== null) {
    filter.since = new Date(now.getTime() - TIME_WINDOWS[query.window].seconds * 1000).toISOString();
  }
  return filter;
}

/** The query string for these filters (and an optional cursor), without empty values. */
export function storyQueryString(query: Partial<StoryQuery>): string {
  const params = new URLSearchParams();
  if (query.source) params.set('source', String(query.source));
  if (query.folder) params.set('folder', query.folder);
  if (query.language) params.set('lang', query.language);
  if (query.window) params.set('window', query.window);
  if (query.cursor) params.set('cursor', query.cursor);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function hasFilters(query: StoryQuery): boolean {
  return query.source !== null || query.folder !== null || query.language !== null || query.window !== null;
}
