import type { FeedRef } from '@newsfeed/db';

/** What to call an outlet: its feed title, else its site's host name, else its id. */
export function sourceName(feed: Pick<FeedRef, 'title' | 'siteUrl' | 'id'>): string {
  if (feed.title) return feed.title;
  if (feed.siteUrl) {
    try {
      return new URL(feed.siteUrl).hostname.replace(/^www\./, '');
    } catch {
      // An unparsable site URL falls through to the generic name.
    }
  }
  return `Source ${feed.id}`;
}
