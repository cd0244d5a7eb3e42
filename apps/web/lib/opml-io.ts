import type { Db, Feed } from '@newsfeed/db';
import { buildOpml, flattenOpml, OPML_FOLDER_SEPARATOR, type OpmlOutline, parseOpml } from '@newsfeed/parser';
import { FeedUrlError, normalizeFeedUrl } from './feed-url';

// OPML in and out of the admin: every subscription with its folder (nested folders as "A/B"), so an
// export imported elsewhere, or back here, gives the same list.

/** An uploaded reading list larger than this is refused before parsing. */
export const MAX_OPML_BYTES = 2 * 1024 * 1024;
/** Subscriptions taken from one import; the rest are reported as skipped. */
export const MAX_OPML_SUBSCRIPTIONS = 5_000;
const EXPORT_PAGE = 100;

async function allFeeds(db: Db): Promise<Feed[]> {
  const feeds: Feed[] = [];
  let cursor: string | null = null;
  do {
    const page = await db.feeds.list({ includeDisabled: true, limit: EXPORT_PAGE, cursor });
    feeds.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return feeds;
}

function feedOutline(feed: Feed): OpmlOutline {
  return {
    title: feed.title,
    text: feed.title ?? feed.url,
    xmlUrl: feed.url,
    htmlUrl: feed.siteUrl,
    type: 'rss',
    children: [],
  };
}

/** Every subscription as OPML 2.0, folders as nested outlines. */
export async function exportOpml(db: Db, title: string): Promise<string> {
  const top: OpmlOutline[] = [];
  const folders = new Map<string, OpmlOutline>();
  const folderOutline = (path: string): OpmlOutline => {
    const existing = folders.get(path);
    if (existing) return existing;
    const parts = path.split(OPML_FOLDER_SEPARATOR);
    const name = parts.at(-1)!;
    const outline: OpmlOutline = {
      title: name,
      text: name,
      xmlUrl: null,
      htmlUrl: null,
      type: null,
      children: [],
    };
    (parts.length > 1 ? folderOutline(parts.slice(0, -1).join(OPML_FOLDER_SEPARATOR)).children : top).push(
      outline,
    );
    folders.set(path, outline);
    return outline;
  };
  for (const feed of await allFeeds(db)) {
    (feed.folder ? folderOutline(feed.folder).children : top).push(feedOutline(feed));
  }
  return buildOpml({ title, outlines: top });
}

export interface ImportSummary {
  added: number;
  existing: number;
  invalid: string[];
  skipped: number;
}

/** Subscribes to every feed of the list that is not subscribed yet; throws OpmlParseError for a bad file. */
export async function importOpml(db: Db, text: string): Promise<ImportSummary> {
  const document = parseOpml(text);
  const subscriptions = flattenOpml(document);
  // Feed URLs the parser's URL policy dropped (javascript:, relative...) are reported as refused.
  const dropped = (document.warnings ?? []).filter((warning) => warning.attribute === 'xmlUrl');
  const summary: ImportSummary = {
    added: 0,
    existing: 0,
    invalid: dropped.map((warning) => warning.value),
    skipped: Math.max(0, subscriptions.length - MAX_OPML_SUBSCRIPTIONS),
  };
  for (const subscription of subscriptions.slice(0, MAX_OPML_SUBSCRIPTIONS)) {
    let url: string;
    try {
      url = normalizeFeedUrl(subscription.xmlUrl);
    } catch (error) {
      if (!(error instanceof FeedUrlError)) throw error;
      summary.invalid.push(subscription.xmlUrl);
      continue;
    }
    if (await db.feeds.getByUrl(url)) {
      summary.existing++;
      continue;
    }
    await db.feeds.add({
      url,
      title: subscription.title,
      siteUrl: subscription.htmlUrl,
      folder: subscription.folder,
    });
    summary.added++;
  }
  return summary;
}

export function describeImport(summary: ImportSummary): string {
  const parts = [`Imported ${summary.added} new ${summary.added === 1 ? 'source' : 'sources'}`];
  if (summary.existing > 0) parts.push(`${summary.existing} already subscribed`);
  if (summary.invalid.length > 0)
    parts.push(
      `${summary.invalid.length} refused (not http/https: ${summary.invalid.slice(0, 3).join(', ')})`,
    );
  if (summary.skipped > 0)
    parts.push(`${summary.skipped} over the limit of ${MAX_OPML_SUBSCRIPTIONS} not imported`);
  return `${parts.join('; ')}.`;
}
