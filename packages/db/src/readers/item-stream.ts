import { type RawBuilder, sql } from 'kysely';
import { DbInputError } from '../errors.js';
import type { DbContext } from '../sql/context.js';
import { decodeCursor, encodeCursor, toPage } from '../sql/cursor.js';
import { FEED_REF_COLUMNS, type FeedRefRow, toFeedRef } from '../sql/feed-ref.js';
import { toIso, toIsoOrNull } from '../sql/time.js';
import { inIds } from '../sql/value-list.js';
import { ITEM_MEMBERSHIP_JOIN } from '../stories/story-members.js';
import type { Author, Engine, FeedRef } from '../types.js';

// A reader's item stream (the Google Reader API's stream/contents and item ids), keyset-paged on
// (sort_at, id) with this user's state: one query per page, costing about its own size at any size.

/** Most items one stream page returns. */
export const MAX_STREAM_PAGE_SIZE = 10_000;

export interface StreamFilter {
  feedId?: number;
  /** Feeds whose OPML folder is exactly this path. */
  folder?: string;
  starredOnly?: boolean;
  excludeRead?: boolean;
  readOnly?: boolean;
  /** Items sorted at or after this time (ms). */
  since?: number;
  /** Items sorted before this time (ms). */
  until?: number;
  /** Only these items (those that exist). */
  itemIds?: readonly number[];
}

export interface StreamRequest extends StreamFilter {
  limit: number;
  cursor?: string | null;
  oldestFirst?: boolean;
}

/** An item as a reader app shows it: its text, links, times, feed and this user's state. */
export interface StreamItem {
  id: number;
  feedId: number;
  storyId: number | null;
  url: string | null;
  title: string;
  contentHtml: string | null;
  /** Only when the item has no HTML content (the reader shows one or the other). */
  summary: string | null;
  authors: Author[];
  publishedAt: string | null;
  updatedAt: string | null;
  firstSeenAt: string;
  sortAt: number;
  read: boolean;
  starred: boolean;
  feed: FeedRef;
  feedUrl: string;
  feedFolder: string | null;
}

const CURSOR_LIST = 'item-stream';

/** A StreamItem's columns, named as its fields, then its feed's (FeedRefRow). */
const STREAM_COLUMNS = sql`${sql.raw(`items.id, items.feed_id AS "feedId", story_members.story_id AS "storyId",
  items.url, items.title, items.content_html AS "contentHtml",
  CASE WHEN items.content_html IS NULL THEN items.summary END AS summary, items.authors,
  items.published_at AS "publishedAt", items.updated_at AS "updatedAt", items.first_seen_at AS "firstSeenAt",
  items.sort_at AS "sortAt", s.read, s.starred, feeds.url AS "feedUrl", feeds.folder AS "feedFolder"`)},
  ${FEED_REF_COLUMNS}`;

/** A StreamItem as read: its times in ms, authors as JSON, flags as numbers, the feed's columns apart. */
type StreamRow = FeedRefRow &
  Omit<StreamItem, 'authors' | 'publishedAt' | 'updatedAt' | 'firstSeenAt' | 'read' | 'starred' | 'feed'> & {
    authors: string;
    publishedAt: number | null;
    updatedAt: number | null;
    firstSeenAt: number;
    read: number | null;
    starred: number | null;
  };

export function checkIds(itemIds: readonly number[]): void {
  for (const id of itemIds)
    if (!Number.isSafeInteger(id) || id < 1)
      throw new DbInputError(`item id must be a positive integer, got ${id}`);
}

/** The user's state joined to `items` as `s` (no row: unread, not saved). */
export function stateJoin(userId: number): RawBuilder<unknown> {
  return sql`LEFT JOIN item_states s ON s.item_id = items.id AND s.user_id = ${userId}`;
}

/** WHERE clauses for a filter over `items` joined to `feeds` and the user's state `s`. */
export function filterClauses(engine: Engine, userId: number, filter: StreamFilter): RawBuilder<unknown>[] {
  const clauses: RawBuilder<unknown>[] = [];
  if (filter.itemIds !== undefined) {
    checkIds(filter.itemIds);
    clauses.push(sql`items.id ${inIds(engine, filter.itemIds)}`);
  }
  if (filter.feedId !== undefined) clauses.push(sql`items.feed_id = ${filter.feedId}`);
  if (filter.folder !== undefined) clauses.push(sql`feeds.folder = ${filter.folder}`);
  if (filter.starredOnly) clauses.push(sql`s.starred = 1`);
  // An anti-join the planner runs as one primary-key probe per candidate item, newest first.
  if (filter.excludeRead)
    clauses.push(sql`NOT EXISTS (SELECT 1 FROM item_states r
      WHERE r.user_id = ${userId} AND r.item_id = items.id AND r.read = 1)`);
  if (filter.readOnly) clauses.push(sql`s.read = 1`);
  if (filter.since !== undefined) clauses.push(sql`items.sort_at >= ${filter.since}`);
  if (filter.until !== undefined) clauses.push(sql`items.sort_at < ${filter.until}`);
  return clauses;
}

export function where(clauses: RawBuilder<unknown>[]): RawBuilder<unknown> {
  return clauses.length === 0 ? sql`` : sql`WHERE ${sql.join(clauses, sql` AND `)}`;
}

function toStreamItem({ feed_title, feed_site_url, feed_icon_url, ...row }: StreamRow): StreamItem {
  return {
    ...row,
    authors: JSON.parse(row.authors),
    publishedAt: toIsoOrNull(row.publishedAt),
    updatedAt: toIsoOrNull(row.updatedAt),
    firstSeenAt: toIso(row.firstSeenAt),
    read: row.read === 1,
    starred: row.starred === 1,
    feed: toFeedRef(row.feedId, { feed_title, feed_site_url, feed_icon_url }),
  };
}

/** One page of the user's stream. */
export async function streamPage(ctx: DbContext, userId: number, request: StreamRequest) {
  if (!Number.isInteger(request.limit) || request.limit < 1 || request.limit > MAX_STREAM_PAGE_SIZE)
    throw new DbInputError(`stream page size must be 1 to ${MAX_STREAM_PAGE_SIZE}, got ${request.limit}`);
  const clauses = filterClauses(ctx.engine, userId, request);
  const direction = request.oldestFirst ? sql`ASC` : sql`DESC`;
  if (request.cursor) {
    const [sortAt, id] = decodeCursor(CURSOR_LIST, request.cursor, 2);
    // A plain range on sort_at plus the tie-break: planners seek the sort index with it, where a
    // row-value comparison led SQLite to loop over feeds and sort.
    clauses.push(
      request.oldestFirst
        ? sql`items.sort_at >= ${sortAt} AND (items.sort_at > ${sortAt} OR items.id > ${id})`
        : sql`items.sort_at <= ${sortAt} AND (items.sort_at < ${sortAt} OR items.id < ${id})`,
    );
  }
  const page = sql<StreamRow>`SELECT ${STREAM_COLUMNS}
    FROM items JOIN feeds ON feeds.id = items.feed_id ${ITEM_MEMBERSHIP_JOIN} ${stateJoin(userId)}
      ${where(clauses)}
    ORDER BY items.sort_at ${direction}, items.id ${direction} LIMIT ${request.limit + 1}`;
  // At 1M items PostgreSQL plans the page in parallel workers, whose start-up costs more than
  // the page: a page reads about its own size along the sort index, so it runs in one process.
  const { rows } =
    ctx.engine === 'postgres'
      ? await ctx.kysely.transaction().execute(async (trx) => {
          await sql`SET LOCAL max_parallel_workers_per_gather = 0`.execute(trx);
          return page.execute(trx);
        })
      : await page.execute(ctx.kysely);
  return toPage(rows, request.limit, toStreamItem, (row) => encodeCursor(CURSOR_LIST, [row.sortAt, row.id]));
}
