import type { StoryFilter } from '@newsfeed/db';

// The front page's filters as they appear in the URL (?source=3&folder=Tech&lang=en&window=24h) and
// as the database wants them. The proxy answers 400 for values no link of ours makes
// (storyParamsProblem), so parsing sees only valid ones, still looked up as own properties.

export const TIME_WINDOWS = {
  '1h': { label: 'Last hour', seconds: 3600 },
  '6h': { label: 'Last 6 hours', seconds: 6 * 3600 },
  '24h': { label: 'Last 24 hours', seconds: 24 * 3600 },
  '7d': { label: 'Last 7 days', seconds: 7 * 24 * 3600 },
  '30d': { label: 'Last 30 days', seconds: 30 * 24 * 3600 },
} as const;

export type TimeWindow = keyof typeof TIME_WINDOWS;

export function isTimeWindow(value: string): value is TimeWindow {
  return Object.hasOwn(TIME_WINDOWS, value);
}

const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;

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
    language: language && LANGUAGE_TAG.test(language) ? language.toLowerCase() : null,
    window: window && isTimeWindow(window) ? window : null,
    cursor: param(params, 'cursor'),
  };
}

/** What is wrong with the filter parameters (a sentence naming the parameter), or null when nothing is. */
export function storyParamsProblem(params: SearchParams | URLSearchParams): string | null {
  const window = param(params, 'window');
  if (window !== null && !isTimeWindow(window))
    return `window must be one of ${Object.keys(TIME_WINDOWS).join(', ')}, got ${JSON.stringify(window)}`;
  return idParamProblem(params, 'source') ?? languageProblem(param(params, 'lang'));
}

/** What is wrong with an optional id parameter (e.g. ?source=), or null. */
export function idParamProblem(params: SearchParams | URLSearchParams, name: string): string | null {
  const raw = param(params, name);
  return raw !== null && parseId(raw) === null
    ? `${name} must be a positive integer id, got ${JSON.stringify(raw)}`
    : null;
}

function languageProblem(language: string | null): string | null {
  return language !== null && !LANGUAGE_TAG.test(language)
    ? `lang must be a language code such as en or pt-br, got ${JSON.stringify(language)}`
    : null;
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
