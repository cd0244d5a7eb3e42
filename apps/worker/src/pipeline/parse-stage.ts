import {
  type DiscoveredFeed,
  discoverFeeds,
  FeedParseError,
  type ParsedFeed,
  parseFeed,
} from '../deps/parser.js';
import { decodeHtml } from '../fetch/decode-text.js';
import type { FetchResponse } from '../fetch/http-client.js';

export type ParseOutcome =
  | { kind: 'feed'; feed: ParsedFeed }
  /** The body was a web page that advertises feeds (links first, then guessed common paths). */
  | { kind: 'page'; discovered: DiscoveredFeed[] }
  | { kind: 'invalid'; code: string; message: string };

/** What parsing reads of a response. */
export type ParseInput = Pick<FetchResponse, 'url' | 'headers' | 'body'>;

function looksLikeHtml(response: ParseInput): boolean {
  if (/html/i.test(response.headers['content-type'] ?? '')) return true;
  const head = response.body.subarray(0, 512).toString('latin1').trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}

/** The zone a WORKER_FEED_TIME_ZONE setting names: `local` is this machine's (from `TZ`). */
export function resolveFeedTimeZone(setting: string): string {
  return setting === 'local' ? new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' : setting;
}

/**
 * Parses a 200 body as a feed; an HTML page yields the feeds it advertises. Dates written without
 * a zone are read in the feed's own zone when its other dates show one, else in `timeZone` (a
 * WORKER_FEED_TIME_ZONE setting); signItem still stores a date in the future as the fetch time (clampToNow).
 */
export async function parseStage(response: ParseInput, timeZone = 'UTC'): Promise<ParseOutcome> {
  const contentType = response.headers['content-type'];
  try {
    const feed = await parseFeed(response.body, {
      url: response.url,
      timeZone: resolveFeedTimeZone(timeZone),
      ...(contentType ? { contentType } : {}),
    });
    return { kind: 'feed', feed };
  } catch (error) {
    if (!(error instanceof FeedParseError)) throw error;
    let discovered = error.discovered;
    if (discovered.length === 0 && looksLikeHtml(response)) {
      discovered = discoverFeeds(decodeHtml(response.body, contentType), response.url);
    }
    const usable = discovered
      .filter((entry) => /^https?:\/\//i.test(entry.url) && entry.url !== response.url)
      .sort((a, b) => Number(a.source === 'guess') - Number(b.source === 'guess'));
    if (usable.length > 0) return { kind: 'page', discovered: usable };
    return { kind: 'invalid', code: error.code, message: error.message };
  }
}
