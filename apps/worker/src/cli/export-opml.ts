import type { Db, Feed } from '@newsfeed/db';
import { buildOpml } from '../deps/parser.js';

async function allFeeds(db: Db): Promise<Feed[]> {
  const feeds: Feed[] = [];
  let cursor: string | null = null;
  do {
    const page = await db.feeds.list({ limit: 500, cursor, includeDisabled: true });
    feeds.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return feeds;
}

/** Every subscription as an OPML document, grouped by folder. */
export async function exportOpml(db: Db): Promise<string> {
  const feeds = await allFeeds(db);
  const outline = (feed: Feed) => ({
    text: feed.title ?? feed.url,
    title: feed.title ?? feed.url,
    type: 'rss',
    xmlUrl: feed.url,
    htmlUrl: feed.siteUrl ?? undefined,
    children: [],
  });
  const folders = new Map<string, Feed[]>();
  const loose: Feed[] = [];
  for (const feed of feeds) {
    if (!feed.folder) loose.push(feed);
    else folders.set(feed.folder, [...(folders.get(feed.folder) ?? []), feed]);
  }
  return buildOpml({
    title: 'Newsfeed subscriptions',
    outlines: [
      ...[...folders].map(([folder, members]) => ({
        text: folder,
        title: folder,
        children: members.map(outline),
      })),
      ...loose.map(outline),
    ],
  });
}
