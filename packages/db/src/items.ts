import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DbContext } from './context.js';
import { decodeCursor, encodeCursor, pageSize, toPage } from './cursor.js';
import { DbInputError, DbNotFoundError } from './errors.js';
import { FEED_REF_COLUMNS, type FeedRefRow, toFeedRef } from './feed-ref.js';
import type { Database, ItemsTable } from './schema.js';
import { simhashBands, titleTerms } from './signatures.js';
import { refreshStories } from './story-summary.js';
import { toIso, toIsoOrNull, toMillisOrNull } from './time.js';
import type { ItemInput, ItemsApi, ItemWithFeed, UpsertResult } from './types.js';

/** Keys per IN (…) list: far below both engines' bound-parameter limits. */
const KEY_CHUNK = 500;
/** Rows per multi-row INSERT: ~30 parameters per item, 3 per title word, far below both engines' limits. */
const ITEM_ROWS_PER_INSERT = 100;
const TERM_ROWS_PER_INSERT = 1_000;

/** Every item column but PostgreSQL's search vector, with its feed's reference columns. */
export const ITEM_WITH_FEED_COLUMNS = sql`${sql.raw(`items.id, items.feed_id, items.key, items.guid, items.url,
  items.canonical_url, items.title, items.summary, items.content_html, items.content_text, items.authors,
  items.categories, items.enclosures, items.published_at, items.updated_at, items.first_seen_at, items.sort_at,
  items.language, items.image_url, items.comments_url, items.wire, items.word_count, items.content_hash,
  items.simhash, items.story_id`)}, ${FEED_REF_COLUMNS}`;

export type ItemWithFeedRow = Omit<ItemsTable, 'id' | 'band0' | 'band1' | 'band2' | 'band3' | 'input_hash'> &
  FeedRefRow & { id: number };

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

/** The columns an input item sets, checked and converted; everything but the times that depend on the row. */
function inputColumns(input: ItemInput) {
  if (typeof input.key !== 'string' || input.key === '')
    throw new DbInputError('item key must be a non-empty string');
  if (typeof input.title !== 'string') throw new DbInputError(`item ${input.key}: title must be a string`);
  const [band0, band1, band2, band3] = simhashBands(input.simhash?.toLowerCase() ?? null);
  return {
    guid: input.guid,
    url: input.url,
    canonical_url: input.canonicalUrl,
    title: input.title,
    summary: input.summary,
    content_html: input.contentHtml,
    content_text: input.contentText,
    authors: JSON.stringify(input.authors ?? []),
    categories: JSON.stringify(input.categories ?? []),
    enclosures: JSON.stringify(input.enclosures ?? []),
    published_at: toMillisOrNull(input.publishedAt, `item ${input.key}: publishedAt`),
    updated_at: toMillisOrNull(input.updatedAt, `item ${input.key}: updatedAt`),
    language: input.language,
    image_url: input.imageUrl,
    comments_url: input.commentsUrl,
    wire: input.wire,
    word_count: Math.max(0, Math.trunc(input.wordCount || 0)),
    content_hash: input.contentHash,
    simhash: input.simhash?.toLowerCase() ?? null,
    band0: band0 ?? null,
    band1: band1 ?? null,
    band2: band2 ?? null,
    band3: band3 ?? null,
    input_hash: createHash('sha1').update(JSON.stringify(input)).digest('base64url'),
  };
}

/** Items sort (and expire) by publication time, but an item dated in the future sorts as first seen. */
function sortAt(publishedAt: number | null, firstSeenAt: number): number {
  return publishedAt === null ? firstSeenAt : Math.min(publishedAt, firstSeenAt);
}

interface ExistingRow {
  id: number;
  key: string;
  input_hash: string;
  first_seen_at: number;
  story_id: number | null;
  title: string;
}

async function findExisting(
  trx: Kysely<Database>,
  feedId: number,
  keys: string[],
): Promise<Map<string, ExistingRow>> {
  const found = new Map<string, ExistingRow>();
  for (let start = 0; start < keys.length; start += KEY_CHUNK) {
    const rows = await trx
      .selectFrom('items')
      .select(['id', 'key', 'input_hash', 'first_seen_at', 'story_id', 'title'])
      .where('feed_id', '=', feedId)
      .where('key', 'in', keys.slice(start, start + KEY_CHUNK))
      .execute();
    for (const row of rows) found.set(row.key, row);
  }
  return found;
}

async function findTombstoned(trx: Kysely<Database>, feedId: number, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < keys.length; start += KEY_CHUNK) {
    const rows = await trx
      .selectFrom('tombstones')
      .select('key')
      .where('feed_id', '=', feedId)
      .where('key', 'in', keys.slice(start, start + KEY_CHUNK))
      .execute();
    for (const row of rows) found.add(row.key);
  }
  return found;
}

/** Writes the title words of several items in as few statements as the parameter limits allow. */
async function writeTerms(
  trx: Kysely<Database>,
  items: { itemId: number; title: string; firstSeenAt: number }[],
): Promise<void> {
  const rows = items.flatMap(({ itemId, title, firstSeenAt }) =>
    titleTerms(title).map((term) => ({ term, first_seen_at: firstSeenAt, item_id: itemId })),
  );
  for (let start = 0; start < rows.length; start += TERM_ROWS_PER_INSERT) {
    await trx
      .insertInto('item_terms')
      .values(rows.slice(start, start + TERM_ROWS_PER_INSERT))
      .onConflict((conflict) => conflict.doNothing())
      .execute();
  }
}

type InputColumns = ReturnType<typeof inputColumns>;

/**
 * Inserts new items with multi-row statements; returns the ids by key. ON CONFLICT: a key that a
 * concurrent writer inserted first is skipped and missing from the result.
 */
async function insertNew(
  trx: Kysely<Database>,
  feedId: number,
  entries: { input: ItemInput; columns: InputColumns }[],
  now: number,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let start = 0; start < entries.length; start += ITEM_ROWS_PER_INSERT) {
    const rows = await trx
      .insertInto('items')
      .values(
        entries.slice(start, start + ITEM_ROWS_PER_INSERT).map(({ input, columns }) => ({
          ...columns,
          feed_id: feedId,
          key: input.key,
          first_seen_at: now,
          sort_at: sortAt(columns.published_at, now),
        })),
      )
      .onConflict((conflict) => conflict.columns(['feed_id', 'key']).doNothing())
      .returning(['id', 'key'])
      .execute();
    for (const row of rows) ids.set(row.key, row.id);
  }
  return ids;
}

export interface UpsertOptions {
  /** The ingest time recorded as `firstSeenAt` of new items (defaults to now). */
  now?: Date;
}

export function createItemsApi(ctx: DbContext): ItemsApi & {
  upsertMany(feedId: number, items: ItemInput[], options?: UpsertOptions): Promise<UpsertResult[]>;
} {
  const { kysely } = ctx;

  async function upsertMany(feedId: number, inputs: ItemInput[], options: UpsertOptions = {}) {
    if (inputs.length === 0) return [];
    const now = options.now?.getTime() ?? Date.now();
    const prepared = inputs.map((input) => ({ input, columns: inputColumns(input) }));
    return ctx.transaction(async (trx) => {
      const feed = await trx.selectFrom('feeds').select('id').where('id', '=', feedId).executeTakeFirst();
      if (!feed) throw new DbNotFoundError('feed', feedId);
      const keys = [...new Set(inputs.map((input) => input.key))];
      const existing = await findExisting(trx, feedId, keys);
      const tombstoned = await findTombstoned(trx, feedId, keys);
      const storiesToRefresh = new Set<number>();
      const results: UpsertResult[] = [];

      const update = async (row: ExistingRow, columns: InputColumns) => {
        await trx
          .updateTable('items')
          .set({ ...columns, sort_at: sortAt(columns.published_at, row.first_seen_at) })
          .where('id', '=', row.id)
          .execute();
        if (row.title !== columns.title) {
          await trx.deleteFrom('item_terms').where('item_id', '=', row.id).execute();
          await writeTerms(trx, [{ itemId: row.id, title: columns.title, firstSeenAt: row.first_seen_at }]);
        }
        if (row.story_id !== null) storiesToRefresh.add(row.story_id);
        existing.set(row.key, { ...row, input_hash: columns.input_hash, title: columns.title });
      };

      // Keys neither stored nor tombstoned are inserted together (their first occurrence; a repeated
      // key in the same batch then updates the row like any stored one).
      const fresh = new Map<string, { input: ItemInput; columns: InputColumns }>();
      for (const entry of prepared) {
        const { key } = entry.input;
        if (!existing.has(key) && !tombstoned.has(key) && !fresh.has(key)) fresh.set(key, entry);
      }
      const insertedIds = await insertNew(trx, feedId, [...fresh.values()], now);
      const newRows: ExistingRow[] = [...fresh.values()].flatMap(({ input, columns }) => {
        const id = insertedIds.get(input.key);
        if (id === undefined) return [];
        const { input_hash, title } = columns;
        return [{ id, key: input.key, input_hash, first_seen_at: now, story_id: null, title }];
      });
      await writeTerms(
        trx,
        newRows.map((row) => ({ itemId: row.id, title: row.title, firstSeenAt: now })),
      );
      for (const row of newRows) existing.set(row.key, row);
      const unreported = new Set(insertedIds.keys());

      for (const { input, columns } of prepared) {
        if (tombstoned.has(input.key)) {
          results.push({ key: input.key, id: null, status: 'tombstoned' });
          continue;
        }
        if (unreported.delete(input.key)) {
          results.push({ key: input.key, id: insertedIds.get(input.key) ?? null, status: 'new' });
          continue;
        }
        let row = existing.get(input.key);
        if (!row) {
          // Skipped by ON CONFLICT: a concurrent writer inserted this key after findExisting.
          row = (await findExisting(trx, feedId, [input.key])).get(input.key);
          if (!row) throw new DbNotFoundError(`item of feed ${feedId} with key`, input.key);
        }
        if (row.input_hash === columns.input_hash) {
          results.push({ key: input.key, id: row.id, status: 'unchanged' });
          continue;
        }
        await update(row, columns);
        results.push({ key: input.key, id: row.id, status: 'updated' });
      }
      await refreshStories(trx, storiesToRefresh);
      return results;
    });
  }

  return {
    upsertMany,

    async get(id: number): Promise<ItemWithFeed | null> {
      const { rows } = await sql<ItemWithFeedRow>`SELECT ${ITEM_WITH_FEED_COLUMNS}
        FROM items JOIN feeds ON feeds.id = items.feed_id WHERE items.id = ${id}`.execute(kysely);
      return rows[0] ? toItemWithFeed(rows[0]) : null;
    },

    async listByFeed(feedId, request = {}) {
      const limit = pageSize(request.limit);
      let after = sql``;
      if (request.cursor) {
        const [sortKey, id] = decodeCursor('items', request.cursor, ['number', 'number']);
        after = sql`AND (items.sort_at < ${sortKey} OR (items.sort_at = ${sortKey} AND items.id < ${id}))`;
      }
      const { rows } = await sql<ItemWithFeedRow>`SELECT ${ITEM_WITH_FEED_COLUMNS}
        FROM items JOIN feeds ON feeds.id = items.feed_id
        WHERE items.feed_id = ${feedId} ${after}
        ORDER BY items.sort_at DESC, items.id DESC LIMIT ${limit + 1}`.execute(kysely);
      return toPage(rows, limit, toItemWithFeed, (row) => encodeCursor('items', [row.sort_at, row.id]));
    },

    async remove(id: number): Promise<void> {
      await ctx.transaction(async (trx) => {
        const row = await trx
          .selectFrom('items')
          .select(['feed_id', 'key', 'story_id'])
          .where('id', '=', id)
          .executeTakeFirst();
        if (!row) throw new DbNotFoundError('item', id);
        await trx
          .insertInto('tombstones')
          .values({ feed_id: row.feed_id, key: row.key, deleted_at: Date.now() })
          .onConflict((conflict) => conflict.doNothing())
          .execute();
        await trx.deleteFrom('items').where('id', '=', id).execute();
        if (row.story_id !== null) await refreshStories(trx, [row.story_id]);
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
