import type { Db, ItemWithFeed, SearchHit, StoryOutlet, StorySummary } from '@newsfeed/db';
import { externalHref, renderSafeHtml } from '../render-html';
import { sourceName } from '../source-name';
import { coverageHtml } from './coverage-html';
import type { Coverage, FeedDocument, FeedEntry } from './feed-document';

// Which entries a feed-out carries: the top stories, one source's latest items (?source=ID) or a
// search (?q=words). Each becomes the same FeedDocument, whatever the format.

export type FeedSelection =
  | { kind: 'top' }
  | { kind: 'source'; feedId: number }
  | { kind: 'search'; query: string };

export class FeedSelectionNotFoundError extends Error {
  readonly code = 'FEED_SOURCE_NOT_FOUND';
  constructor(feedId: number) {
    super(`No source with id ${feedId}`);
    this.name = 'FeedSelectionNotFoundError';
  }
}

function coverage(storyUrl: string, sourceCount: number, outlets: StoryOutlet[]): Coverage {
  return {
    storyUrl,
    sourceCount,
    outlets: outlets.map((outlet) => ({
      name: sourceName(outlet.feed),
      title: outlet.title,
      url: externalHref(outlet.url) ?? null,
      publishedAt: outlet.publishedAt,
    })),
  };
}

function storyEntry(story: StorySummary, origin: string): FeedEntry {
  const permalink = `${origin}/story/${story.id}`;
  const more = story.sourceCount > 1 ? ` (${story.sourceCount} sources)` : '';
  const covered = coverage(permalink, story.sourceCount, story.outlets);
  return {
    id: permalink,
    url: externalHref(story.leadUrl) ?? permalink,
    title: story.title,
    summary: story.summary ? `${story.summary}${more}` : more.trim() || null,
    contentHtml: coverageHtml(story.summary, covered),
    publishedAt: story.publishedAt,
    updatedAt: story.updatedAt,
    authors: [],
    categories: story.wire ? [story.wire] : [],
    imageUrl: externalHref(story.imageUrl) ?? null,
    sourceName: sourceName(story.leadFeed),
    sourceUrl: externalHref(story.leadFeed.siteUrl) ?? null,
    coverage: covered,
  };
}

function itemEntry(item: ItemWithFeed, origin: string): FeedEntry {
  const permalink = item.storyId ? `${origin}/story/${item.storyId}` : `${origin}/sources/${item.feedId}`;
  return {
    id: `urn:newsfeed:item:${item.id}`,
    url: externalHref(item.url) ?? permalink,
    title: item.title,
    summary: item.summary,
    contentHtml: renderSafeHtml(item.contentHtml, { baseUrl: item.url }) || null,
    publishedAt: item.publishedAt ?? item.firstSeenAt,
    updatedAt: item.updatedAt,
    authors: item.authors.map((author) => author.name).filter((name): name is string => Boolean(name)),
    categories: item.categories,
    imageUrl: externalHref(item.imageUrl) ?? null,
    sourceName: sourceName(item.feed),
    sourceUrl: externalHref(item.feed.siteUrl) ?? null,
    coverage: null,
  };
}

function hitEntry(hit: SearchHit, origin: string): FeedEntry {
  const permalink = hit.storyId ? `${origin}/story/${hit.storyId}` : `${origin}/sources/${hit.feed.id}`;
  const snippet = hit.snippetHtml
    .replace(/<\/?mark>/g, '')
    .replace(
      /&(lt|gt|amp|quot|#39);/g,
      (_, name: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'" })[name] ?? '',
    );
  const covered = hit.storyId ? coverage(permalink, hit.sourceCount, hit.outlets) : null;
  return {
    id: `urn:newsfeed:item:${hit.itemId}`,
    url: externalHref(hit.url) ?? permalink,
    title: hit.title,
    summary: snippet || null,
    contentHtml: covered && covered.sourceCount > 1 ? coverageHtml(snippet || null, covered) : null,
    publishedAt: hit.publishedAt ?? new Date(0).toISOString(),
    updatedAt: null,
    authors: [],
    categories: [],
    imageUrl: null,
    sourceName: sourceName(hit.feed),
    sourceUrl: externalHref(hit.feed.siteUrl) ?? null,
    coverage: covered,
  };
}

function links(origin: string, query: string) {
  return {
    rss: `${origin}/feed.xml${query}`,
    atom: `${origin}/atom.xml${query}`,
    json: `${origin}/feed.json${query}`,
  };
}

function newest(entries: FeedEntry[]): string {
  const times = entries.map((entry) => entry.updatedAt ?? entry.publishedAt).sort();
  return times.at(-1) ?? new Date(0).toISOString();
}

/** Reads the selected entries and describes the feed. */
export async function loadFeedDocument(
  db: Db,
  selection: FeedSelection,
  options: { origin: string; siteName: string; limit: number },
): Promise<FeedDocument> {
  const { origin, siteName, limit } = options;
  if (selection.kind === 'source') {
    const feed = await db.feeds.get(selection.feedId);
    if (!feed) throw new FeedSelectionNotFoundError(selection.feedId);
    const page = await db.items.listByFeed(feed.id, { limit });
    const entries = page.items.map((item) => itemEntry(item, origin));
    const name = sourceName(feed);
    return {
      title: `${name} · ${siteName}`,
      description: `The latest items from ${name}, as collected by ${siteName}.`,
      homeUrl: `${origin}/sources/${feed.id}`,
      links: links(origin, `?source=${feed.id}`),
      language: feed.language,
      updatedAt: newest(entries),
      entries,
    };
  }
  if (selection.kind === 'search') {
    const page = await db.search.query({ query: selection.query, limit });
    const entries = page.items.map((hit) => hitEntry(hit, origin));
    const encoded = encodeURIComponent(selection.query);
    return {
      title: `“${selection.query}” · ${siteName}`,
      description: `Items matching “${selection.query}”, best matches first.`,
      homeUrl: `${origin}/search?q=${encoded}`,
      links: links(origin, `?q=${encoded}`),
      language: null,
      updatedAt: newest(entries),
      entries,
    };
  }
  const page = await db.stories.listTop({ limit });
  const entries = page.items.map((story) => storyEntry(story, origin));
  return {
    title: `${siteName}: top stories`,
    description: `The top stories across every source of ${siteName}, clustered across outlets.`,
    homeUrl: `${origin}/`,
    links: links(origin, ''),
    language: null,
    updatedAt: newest(entries),
    entries,
  };
}
