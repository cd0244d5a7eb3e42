import {
  asFeedParseError,
  type DiscoveredFeed,
  discoverFeeds,
  type ParsedFeed,
  parseFeed,
} from '../deps/parser.js';
import { decodeHtml } from '../fetch/decode-text.js';
import type { FetchResponse } from '../fetch/http-client.js';

export type ParseOutcome =
  | { kind: 'feed'; feed: ParsedFeed }
  /** The body was a web page that advertises feeds: poll the first of them instead. */
  | { kind: 'page'; discovered: DiscoveredFeed[] }
  | { kind: 'invalid'; code: string; message: string };

function looksLikeHtml(response: FetchResponse): boolean {
  if (/html/i.test(response.headers['content-type'] ?? '')) return true;
  const head = response.body.subarray(0, 512).toString('latin1').trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}

/** Parses a 200 body as a feed; an HTML page yields the feeds it advertises. */
export async function parseStage(response: FetchResponse): Promise<ParseOutcome> {
  const contentType = response.headers['content-type'];
  try {
    const feed = await parseFeed(response.body, {
      url: response.url,
      ...(contentType ? { contentType } : {}),
    });
    return { kind: 'feed', feed };
  } catch (error) {
    const parseError = asFeedParseError(error);
    if (!parseError) throw error;
    let discovered = parseError.discovered ?? [];
    if (discovered.length === 0 && looksLikeHtml(response)) {
      discovered = discoverFeeds(decodeHtml(response.body, contentType), response.url);
    }
    const usable = discovered.filter(
      (entry) => /^https?:\/\//i.test(entry.url) && entry.url !== response.url,
    );
    if (usable.length > 0) return { kind: 'page', discovered: usable };
    return { kind: 'invalid', code: parseError.code, message: parseError.message };
  }
}
