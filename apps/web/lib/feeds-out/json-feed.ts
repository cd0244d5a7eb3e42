import type { FeedDocument, FeedEntry } from './feed-document';

function renderItem(entry: FeedEntry) {
  return {
    id: entry.id,
    url: entry.url,
    title: entry.title,
    ...(entry.contentHtml
      ? { content_html: entry.contentHtml }
      : { content_text: entry.summary ?? entry.title }),
    ...(entry.summary ? { summary: entry.summary } : {}),
    ...(entry.imageUrl ? { image: entry.imageUrl } : {}),
    date_published: entry.publishedAt,
    ...(entry.updatedAt ? { date_modified: entry.updatedAt } : {}),
    ...(entry.authors.length > 0 ? { authors: entry.authors.map((name) => ({ name })) } : {}),
    ...(entry.categories.length > 0 ? { tags: entry.categories } : {}),
    ...newsfeedExtension(entry),
  };
}

/** JSON Feed's extension object (keys starting with "_"): the outlet and the story's coverage. */
function newsfeedExtension(entry: FeedEntry) {
  if (!entry.sourceName && !entry.coverage) return {};
  return {
    _newsfeed: {
      ...(entry.sourceName ? { source: { name: entry.sourceName, url: entry.sourceUrl } } : {}),
      ...(entry.coverage
        ? {
            story_url: entry.coverage.storyUrl,
            source_count: entry.coverage.sourceCount,
            outlets: entry.coverage.outlets.map((outlet) => ({
              name: outlet.name,
              title: outlet.title,
              url: outlet.url,
              date_published: outlet.publishedAt,
            })),
          }
        : {}),
    },
  };
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
export function renderJsonFeed(feed: FeedDocument): string {
  const document = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.links.json,
    description: feed.description,
    ...(feed.language ? { language: feed.language } : {}),
    items: feed.entries.map(renderItem),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
