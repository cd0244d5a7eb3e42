import { changeMarker } from '../cache/change-marker';
import { CACHE_TAGS, keepRead } from '../cache/keep';
import { getDb } from '../db';
import { webConfig } from '../env';
import { originVary, requestOrigin } from '../site-origin';
import { parseId } from '../story-filters';
import { renderAtom } from './atom';
import { FEED_CONTENT_TYPES, type FeedDocument, type FeedFormat } from './feed-document';
import { type FeedSelection, FeedSelectionNotFoundError, loadFeedDocument } from './feed-sources';
import { renderJsonFeed } from './json-feed';
import { renderRss } from './rss';

const RENDERERS: Record<FeedFormat, (feed: FeedDocument) => string> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJsonFeed,
};

/** Feed readers poll often: let caches keep a copy for a minute. */
const CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

export function selectionFromUrl(url: URL): FeedSelection | { error: string } {
  const source = url.searchParams.get('source');
  const query = url.searchParams.get('q')?.trim();
  if (source !== null) {
    const feedId = parseId(source);
    return feedId === null
      ? { error: `source must be a feed id, got ${JSON.stringify(source)}` }
      : { kind: 'source', feedId };
  }
  if (query) return { kind: 'search', query: query.slice(0, 200) };
  return { kind: 'top' };
}

/** A rendered feed, or why its selection names nothing (a class of error does not survive the cache). */
type RenderedFeed = { body: string } | { missing: string };

/** Rendered feeds per format, selection and origin: feed readers poll the same few URLs. */
async function renderedFeed(
  format: FeedFormat,
  selection: FeedSelection,
  origin: string,
  _marker: string,
): Promise<RenderedFeed> {
  'use cache';
  keepRead(CACHE_TAGS.stories, CACHE_TAGS.sources);
  const { WEB_FEED_SIZE, WEB_SITE_NAME } = webConfig();
  try {
    const feed = await loadFeedDocument(await getDb(), selection, {
      origin,
      siteName: WEB_SITE_NAME,
      limit: WEB_FEED_SIZE,
    });
    return { body: RENDERERS[format](feed) };
  } catch (error) {
    if (error instanceof FeedSelectionNotFoundError) return { missing: error.message };
    throw error;
  }
}

/** The GET handler of /feed.xml, /atom.xml or /feed.json. */
export function feedRoute(format: FeedFormat) {
  return async function handleFeedRequest(request: Request): Promise<Response> {
    const selection = selectionFromUrl(new URL(request.url));
    if ('error' in selection)
      return new Response(`${selection.error}\n`, {
        status: 400,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      });
    const rendered = await renderedFeed(
      format,
      selection,
      requestOrigin(request),
      await changeMarker('stories'),
    );
    if ('missing' in rendered)
      return new Response(`${rendered.missing}\n`, {
        status: 404,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      });
    const headers = new Headers({
      'Content-Type': FEED_CONTENT_TYPES[format],
      'Cache-Control': CACHE_CONTROL,
    });
    const vary = originVary();
    if (vary !== null) headers.set('Vary', vary);
    return new Response(rendered.body, { headers });
  };
}
