import type { Db, Feed } from '@newsfeed/db';
import { buildOpml, OPML_FOLDER_SEPARATOR, type OpmlOutline } from '../deps/parser.js';

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

function feedOutline(feed: Feed): OpmlOutline {
  const title = feed.title ?? feed.url;
  return { title, text: title, xmlUrl: feed.url, htmlUrl: feed.siteUrl, type: 'rss', children: [] };
}

/** The folder outline for a "Tech/Web" path, created on first use. */
function folderOutline(roots: OpmlOutline[], path: string): OpmlOutline[] {
  let level = roots;
  for (const name of path.split(OPML_FOLDER_SEPARATOR)) {
    let folder = level.find((outline) => outline.xmlUrl === null && outline.title === name);
    if (!folder) {
      folder = { title: name, text: name, xmlUrl: null, htmlUrl: null, type: null, children: [] };
      level.push(folder);
    }
    level = folder.children;
  }
  return level;
}

/** Every subscription as an OPML document, nested by folder; `import` reads it back unchanged. */
export async function exportOpml(db: Db): Promise<string> {
  const outlines: OpmlOutline[] = [];
  for (const feed of await allFeeds(db)) {
    (feed.folder ? folderOutline(outlines, feed.folder) : outlines).push(feedOutline(feed));
  }
  return buildOpml({ title: 'Newsfeed subscriptions', outlines });
}
