import { type Kysely, sql } from 'kysely';
import { DbNotFoundError } from '../errors.js';
import { findExisting, findTombstoned, ingestInTransaction } from '../ingest/ingest.js';
import { createIngestGroup } from '../ingest/ingest-group.js';
import type { Database, ItemsTable } from '../schema/schema.js';
import type { DbContext } from '../sql/context.js';
import { encodeCursor, keysetAfter, pageSize, toPage } from '../sql/cursor.js';
import { FEED_REF_COLUMNS, type FeedRefRow, toFeedRef } from '../sql/feed-ref.js';
import { toIso, toIsoOrNull } from '../sql/time.js';
import { inIds } from '../sql/value-list.js';
import { ITEM_MEMBERSHIP_JOIN, storyOfEachItem } from '../stories/story-members.js';
import { refreshStories } from '../stories/story-summary.js';
import type { Engine, ItemInput, ItemsApi, ItemWithFeed, UpsertResult } from '../types.js';

/** Every item column but PostgreSQL's search vector, with its feed's reference columns. */
export const ITEM_WITH_FEED_COLUMNS = sql`${sql.raw(`items.id, items.feed_id, items.key, items.guid, items.url,
  items.canonical_url, items.title, items.summary, items.content_html, items.content_text, items.authors,
  items.categories, items.enclosures, items.published_at, items.updated_at, items.first_seen_at, items.sort_at,
  items.language, items.image_url, items.comments_url, items.wire, items.word_count, items.content_hash,
  items.simhash, story_members.story_id`)}, ${FEED_REF_COLUMNS}`;

/** The tables ITEM_WITH_FEED_COLUMNS reads: each item with its feed and its story, if any. */
export const ITEMS_WITH_FEED = sql`items JOIN feeds ON feeds.id = items.feed_id ${ITEM_MEMBERSHIP_JOIN}`;

export type ItemWithFeedRow = Omit<ItemsTable, 'id' | 'input_hash'> &
  FeedRefRow & { id: number; story_id: number | null };

export function toItemWithFeed(row: ItemWithFeedRow): ItemWithFeed {
  return {
    id: row.id,
    feedId: row.feed_id,
    storyId: row.story_id,
    key: row.key,
    guid: row.guid,
    url: row.url,
    canonicalUrl: row.canonical_url,
    title: row.title,
    summary: row.summary,
    contentHtml: row.content_html,
    contentText: row.content_text,
    authors: JSON.parse(row.authors),
    categories: JSON.parse(row.categories),
    enclosures: JSON.parse(row.enclosures),
    publishedAt: toIsoOrNull(row.published_at),
    updatedAt: toIsoOrNull(row.updated_at),
    firstSeenAt: toIso(row.first_seen_at),
    language: row.language,
    imageUrl: row.image_url,
    commentsUrl: row.comments_url,
    wire: row.wire,
    wordCount: row.word_count,
    contentHash: row.content_hash,
    simhash: row.simhash,
    feed: toFeedRef(row.feed_id, row),
  };
}

/** Deletes items (their keys tombstoned, their stories refreshed); how many stories emptied. */
export async function deleteItems(trx: Kysely<Database>, engine: Engine, ids: number[]): Promise<number> {
  const storyIds = (await storyOfEachItem(trx, engine, ids)).values();
  await sql`INSERT INTO tombstones (feed_id, key, deleted_at) SELECT feed_id, key, ${Date.now()}
    FROM items WHERE id ${inIds(engine, ids)} ON CONFLICT DO NOTHING`.execute(trx);
  await sql`DELETE FROM items WHERE id ${inIds(engine, ids)}`.execute(trx);
  return refreshStories(trx, engine, storyIds);
}

export interface UpsertOptions {
  /** The ingest time recorded as `firstSeenAt` of new items (defaults to now). */
  now?: Date;
}

export interface ItemsSettings {
  /** PostgreSQL: `items.ingest` commits without waiting for its write-ahead log to reach disk. */
  asyncIngestCommit: boolean;
}

export const DEFAULT_ITEMS_SETTINGS: ItemsSettings = { asyncIngestCommit: true };

export function createItemsApi(
  ctx: DbContext,
  settings: ItemsSettings = DEFAULT_ITEMS_SETTINGS,
): ItemsApi & {
  ingest(feedId: number, items: ItemInput[], options?: UpsertOptions): Promise<UpsertResult[]>;
} {
  const { kysely } = ctx;
  // SQLite: concurrent ingest calls share a transaction (ingest-group.ts).
  const group = ctx.engine === 'sqlite' ? createIngestGroup(ctx) : null;

  return {
    async ingest(feedId: number, inputs: ItemInput[], options: UpsertOptions = {}) {
      if (inputs.length === 0) return [];
      const now = options.now?.getTime() ?? Date.now();
      const work = (trx: Kysely<Database>) => ingestInTransaction(trx, ctx.engine, feedId, inputs, now);
      if (group) return group.run(inputs.length, work);
      return ctx.transaction(async (trx) => {
        // A poll's feed state commits after its items: a server crash that loses these items loses
        // that too, and the feed is polled again once its lease runs out.
        if (settings.asyncIngestCommit) await sql`SET LOCAL synchronous_commit = off`.execute(trx);
        return work(trx);
      });
    },

    async get(id: number): Promise<ItemWithFeed | null> {
      const { rows } = await sql<ItemWithFeedRow>`SELECT ${ITEM_WITH_FEED_COLUMNS}
        FROM ${ITEMS_WITH_FEED} WHERE items.id = ${id}`.execute(kysely);
      return rows[0] ? toItemWithFeed(rows[0]) : null;
    },

    async listByFeed(feedId, request = {}) {
      const limit = pageSize(request.limit);
      const after = keysetAfter('items', request.cursor, 'items.sort_at', 'items.id');
      const { rows } = await sql<ItemWithFeedRow>`SELECT ${ITEM_WITH_FEED_COLUMNS}
        FROM ${ITEMS_WITH_FEED}
        WHERE items.feed_id = ${feedId} AND ${after}
        ORDER BY items.sort_at DESC, items.id DESC LIMIT ${limit + 1}`.execute(kysely);
      return toPage(rows, limit, toItemWithFeed, (row) => encodeCursor('items', [row.sort_at, row.id]));
    },

    async remove(id: number): Promise<void> {
      await ctx.transaction(async (trx) => {
        const { rows } = await sql`SELECT id FROM items WHERE id = ${id}`.execute(trx);
        if (rows.length === 0) throw new DbNotFoundError('item', id);
        await deleteItems(trx, ctx.engine, [id]);
      });
    },

    async existingKeys(feedId: number, keys: string[]): Promise<Set<string>> {
      const unique = [...new Set(keys)];
      const found = await findExisting(kysely, feedId, unique);
      const tombstoned = await findTombstoned(kysely, feedId, unique);
      return new Set([...found.keys(), ...tombstoned]);
    },
  };
}
