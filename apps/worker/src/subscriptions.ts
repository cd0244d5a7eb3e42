import { readFile } from 'node:fs/promises';
import type { Db, Feed } from '@newsfeed/db';
import { flattenOpml, parseOpml, tryCanonicalUrl } from './deps/parser.js';
import type { HttpClient } from './fetch/http-client.js';
import { parseStage } from './pipeline/parse-stage.js';
import { FEED_ACCEPT } from './pipeline/poll-feed.js';

export class SubscribeError extends Error {
  readonly code: 'NO_FEED_FOUND' | 'INVALID_URL' | 'FETCH_FAILED';
  constructor(code: SubscribeError['code'], url: string, reason: string, options?: { cause?: unknown }) {
    super(`Cannot subscribe to ${url}: ${reason}`, options);
    this.name = 'SubscribeError';
    this.code = code;
  }
}

/**
 * The feed behind an address a person pasted: the address itself when it serves a feed, else the
 * first feed its page advertises (`<link rel="alternate">` and common paths).
 */
export async function resolveFeedUrl(
  http: HttpClient,
  url: string,
): Promise<{ url: string; title: string | null }> {
  const target = tryCanonicalUrl(url);
  if (!target || !/^https?:/i.test(target))
    throw new SubscribeError('INVALID_URL', url, 'not an http(s) address');
  let response: Awaited<ReturnType<HttpClient['fetch']>>;
  try {
    response = await http.fetch({ url: target, accept: FEED_ACCEPT });
  } catch (cause) {
    throw new SubscribeError('FETCH_FAILED', url, (cause as Error).message, { cause });
  }
  if (response.status !== 200) throw new SubscribeError('FETCH_FAILED', url, `HTTP ${response.status}`);
  const parsed = await parseStage(response);
  if (parsed.kind === 'feed') return { url: response.permanentUrl, title: parsed.feed.title };
  if (parsed.kind === 'page')
    return { url: parsed.discovered[0]!.url, title: parsed.discovered[0]!.title ?? null };
  throw new SubscribeError('NO_FEED_FOUND', url, `${parsed.message} and the page advertises no feed`);
}

/** Adds a feed unless one with that URL exists; returns it and whether it is new. */
export async function subscribe(
  db: Db,
  feed: { url: string; title?: string | null; siteUrl?: string | null; folder?: string | null },
): Promise<{ feed: Feed; added: boolean }> {
  const existing = await db.feeds.getByUrl(feed.url);
  if (existing) return { feed: existing, added: false };
  return { feed: await db.feeds.add(feed), added: true };
}

export interface ImportSummary {
  added: number;
  existing: number;
  invalid: string[];
}

/** Subscribes every feed of an OPML file, folders kept; `onProgress` after each outline. */
export async function importOpml(
  db: Db,
  path: string,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportSummary> {
  const document = parseOpml(await readFile(path, 'utf8'));
  const outlines = flattenOpml(document);
  // Feed URLs the parser's URL policy dropped (javascript:, relative...) are reported as invalid.
  const dropped = (document.warnings ?? []).filter((warning) => warning.attribute === 'xmlUrl');
  const summary: ImportSummary = { added: 0, existing: 0, invalid: dropped.map((warning) => warning.value) };
  let done = 0;
  for (const outline of outlines) {
    const url = tryCanonicalUrl(outline.xmlUrl);
    if (!url || !/^https?:/i.test(url)) summary.invalid.push(outline.xmlUrl);
    else {
      const { added } = await subscribe(db, {
        url,
        title: outline.title,
        siteUrl: outline.htmlUrl,
        folder: outline.folder,
      });
      if (added) summary.added++;
      else summary.existing++;
    }
    onProgress?.(++done, outlines.length);
  }
  return summary;
}
