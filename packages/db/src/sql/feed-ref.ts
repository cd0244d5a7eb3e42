import { sql } from 'kysely';
import type { FeedRef } from '../types.js';

// The short form of a feed that items, stories and search hits carry: selected by a join on `feeds`.

export const FEED_REF_COLUMNS = sql.raw(
  'feeds.title AS feed_title, feeds.site_url AS feed_site_url, feeds.icon_url AS feed_icon_url',
);

export interface FeedRefRow {
  feed_title: string | null;
  feed_site_url: string | null;
  feed_icon_url: string | null;
}

export function toFeedRef(id: number, row: FeedRefRow): FeedRef {
  return { id, title: row.feed_title, siteUrl: row.feed_site_url, iconUrl: row.feed_icon_url };
}
