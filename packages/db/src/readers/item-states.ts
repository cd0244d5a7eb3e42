import { type RawBuilder, sql } from 'kysely';
import {
  ITEM_WITH_FEED_COLUMNS,
  ITEMS_WITH_FEED,
  type ItemWithFeedRow,
  toItemWithFeed,
} from '../entities/items.js';
import { DbInputError } from '../errors.js';
import type { DbContext } from '../sql/context.js';
import { decodeCursor, encodeCursor, toPage } from '../sql/cursor.js';
import { valueList } from '../sql/value-list.js';
import { STORY_MEMBER_ITEMS } from '../stories/story-members.js';
import type { Engine, ItemWithFeed } from '../types.js';

// Read and saved ("starred") state per user per item (migration 021). No row means unread and not
// saved. State is keyed by item, so it survives re-clustering; retention keeps saved items.

/** Item ids written per statement. */
export const ITEM_STATE_BATCH_SIZE = 500;
/** Most items one stream page returns. */
export const MAX_STREAM_PAGE_SIZE = 10_000;

export interface ItemState {
  read: boolean;
  starred: boolean;
}

export type StateChange = Partial<ItemState>;

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

export type StreamItem = ItemWithFeed &
  ItemState & { sortAt: number; feedUrl: string; feedFolder: string | null };

export interface UnreadCount {
  feedId: number;
  count: number;
  /** Sort time (ms) of the newest unread item. */
  newest: number;
}

export interface ItemStatesApi {
  /** Sets read and/or saved on the items that exist among `itemIds`; how many rows were written. */
  mark(userId: number, itemIds: readonly number[], change: StateChange): Promise<number>;
  /** Marks read every item of the filter sorted at or before `upTo` (ms); how many. */
  markAllRead(userId: number, filter: StreamFilter, upTo: number): Promise<number>;
  /** The state of each of `itemIds` that exists (unread and unsaved ones too). */
  get(userId: number, itemIds: readonly number[]): Promise<Map<number, ItemState>>;
  /** Items newest first (or oldest first) with this user's state; keyset-paged. */
  stream(userId: number, request: StreamRequest): Promise<{ items: StreamItem[]; nextCursor: string | null }>;
  /** Among `storyIds`, the stories whose every item this user has read (a story is read when its items are). */
  readStories(userId: number, storyIds: readonly number[]): Promise<Set<number>>;
  /** Marks every item of these stories read ("mark all read up to here"); how many rows were written. */
  markStoriesRead(userId: number, storyIds: readonly number[]): Promise<number>;
  /** Unread items per feed, for feeds with at least one. */
  unreadCounts(userId: number): Promise<UnreadCount[]>;
}

type StreamRow = ItemWithFeedRow & {
  read: number | null;
  starred: number | null;
  feed_url: string;
  feed_folder: string | null;
};

const CURSOR_LIST = 'item-stream';

function filterClauses(engine: Engine, filter: StreamFilter): RawBuilder<unknown>[] {
  const clauses: RawBuilder<unknown>[] = [];
  if (filter.itemIds !== undefined) {
    checkIds(filter.itemIds);
    clauses.push(sql`items.id IN (SELECT j.value FROM ${valueList(engine, filter.itemIds, 'bigint')})`);
  }
  if (filter.feedId !== undefined) clauses.push(sql`items.feed_id = ${filter.feedId}`);
  if (filter.folder !== undefined) clauses.push(sql`feeds.folder = ${filter.folder}`);
  if (filter.starredOnly) clauses.push(sql`s.starred = 1`);
  if (filter.excludeRead) clauses.push(sql`COALESCE(s.read, 0) = 0`);
  if (filter.readOnly) clauses.push(sql`s.read = 1`);
  if (filter.since !== undefined) clauses.push(sql`items.sort_at >= ${filter.since}`);
  if (filter.until !== undefined) clauses.push(sql`items.sort_at < ${filter.until}`);
  return clauses;
}

function where(clauses: RawBuilder<unknown>[]): RawBuilder<unknown> {
  return clauses.length === 0 ? sql`` : sql`WHERE ${sql.join(clauses, sql` AND `)}`;
}

function checkIds(itemIds: readonly number[]): void {
  for (const id of itemIds)
    if (!Number.isSafeInteger(id) || id < 1)
      throw new DbInputError(`item id must be a positive integer, got ${id}`);
}

export function createItemStatesApi(ctx: DbContext): ItemStatesApi {
  const { kysely, engine } = ctx;
  const stateJoin = (userId: number) =>
    sql`LEFT JOIN item_states s ON s.item_id = items.id AND s.user_id = ${userId}`;

  return {
    async mark(userId, itemIds, change) {
      checkIds(itemIds);
      if (change.read === undefined && change.starred === undefined) return 0;
      const sets: RawBuilder<unknown>[] = [sql`updated_at = excluded.updated_at`];
      if (change.read !== undefined) sets.push(sql`read = excluded.read`);
      if (change.starred !== undefined) sets.push(sql`starred = excluded.starred`);
      const now = Date.now();
      let written = 0;
      const unique = [...new Set(itemIds)];
      for (let start = 0; start < unique.length; start += ITEM_STATE_BATCH_SIZE) {
        const batch = unique.slice(start, start + ITEM_STATE_BATCH_SIZE);
        const result = await sql`INSERT INTO item_states (user_id, item_id, read, starred, updated_at)
          SELECT CAST(${userId} AS BIGINT), items.id, CAST(${change.read ? 1 : 0} AS SMALLINT),
            CAST(${change.starred ? 1 : 0} AS SMALLINT), CAST(${now} AS BIGINT)
          FROM items WHERE items.id IN (SELECT j.value FROM ${valueList(engine, batch, 'bigint')})
          ON CONFLICT (user_id, item_id) DO UPDATE SET ${sql.join(sets)}`.execute(kysely);
        written += Number(result.numAffectedRows ?? 0);
      }
      return written;
    },

    async markAllRead(userId, filter, upTo) {
      const clauses = filterClauses(engine, { ...filter, excludeRead: true });
      clauses.push(sql`items.sort_at <= ${upTo}`);
      const result = await sql`INSERT INTO item_states (user_id, item_id, read, starred, updated_at)
        SELECT CAST(${userId} AS BIGINT), items.id, CAST(1 AS SMALLINT), COALESCE(s.starred, 0), CAST(${Date.now()} AS BIGINT)
        FROM items JOIN feeds ON feeds.id = items.feed_id ${stateJoin(userId)} ${where(clauses)}
        ON CONFLICT (user_id, item_id) DO UPDATE SET read = 1, updated_at = excluded.updated_at`.execute(
        kysely,
      );
      return Number(result.numAffectedRows ?? 0);
    },

    async get(userId, itemIds) {
      checkIds(itemIds);
      const states = new Map<number, ItemState>();
      const unique = [...new Set(itemIds)];
      for (let start = 0; start < unique.length; start += ITEM_STATE_BATCH_SIZE) {
        const batch = unique.slice(start, start + ITEM_STATE_BATCH_SIZE);
        const { rows } = await sql<{ id: number; read: number | null; starred: number | null }>`
          SELECT items.id, s.read, s.starred FROM items ${stateJoin(userId)}
          WHERE items.id IN (SELECT j.value FROM ${valueList(engine, batch, 'bigint')})`.execute(kysely);
        for (const row of rows)
          states.set(Number(row.id), {
            read: Number(row.read ?? 0) === 1,
            starred: Number(row.starred ?? 0) === 1,
          });
      }
      return states;
    },

    async stream(userId, request) {
      if (!Number.isInteger(request.limit) || request.limit < 1 || request.limit > MAX_STREAM_PAGE_SIZE)
        throw new DbInputError(`stream page size must be 1 to ${MAX_STREAM_PAGE_SIZE}, got ${request.limit}`);
      const clauses = filterClauses(engine, request);
      const direction = request.oldestFirst ? sql`ASC` : sql`DESC`;
      if (request.cursor) {
        const [sortAt, id] = decodeCursor(CURSOR_LIST, request.cursor, ['number', 'number']);
        clauses.push(
          request.oldestFirst
            ? sql`(items.sort_at > ${sortAt} OR (items.sort_at = ${sortAt} AND items.id > ${id}))`
            : sql`(items.sort_at < ${sortAt} OR (items.sort_at = ${sortAt} AND items.id < ${id}))`,
        );
      }
      const { rows } = await sql<StreamRow>`SELECT ${ITEM_WITH_FEED_COLUMNS}, s.read, s.starred,
          feeds.url AS feed_url, feeds.folder AS feed_folder
        FROM ${ITEMS_WITH_FEED} ${stateJoin(userId)} ${where(clauses)}
        ORDER BY items.sort_at ${direction}, items.id ${direction} LIMIT ${request.limit + 1}`.execute(
        kysely,
      );
      return toPage(
        rows.map((row) => ({
          ...row,
          id: Number(row.id),
          feed_id: Number(row.feed_id),
          sort_at: Number(row.sort_at),
        })),
        request.limit,
        (row): StreamItem => ({
          ...toItemWithFeed(row),
          read: Number(row.read ?? 0) === 1,
          starred: Number(row.starred ?? 0) === 1,
          sortAt: row.sort_at,
          feedUrl: row.feed_url,
          feedFolder: row.feed_folder,
        }),
        (row) => encodeCursor(CURSOR_LIST, [row.sort_at, row.id]),
      );
    },

    async readStories(userId, storyIds) {
      checkIds(storyIds);
      const read = new Set<number>();
      const unique = [...new Set(storyIds)];
      for (let start = 0; start < unique.length; start += ITEM_STATE_BATCH_SIZE) {
        const batch = unique.slice(start, start + ITEM_STATE_BATCH_SIZE);
        const { rows } = await sql<{ story_id: number }>`SELECT story_members.story_id
          FROM ${STORY_MEMBER_ITEMS} ${stateJoin(userId)}
          WHERE story_members.story_id IN (SELECT j.value FROM ${valueList(engine, batch, 'bigint')})
          GROUP BY story_members.story_id HAVING MIN(COALESCE(s.read, 0)) = 1`.execute(kysely);
        for (const row of rows) read.add(Number(row.story_id));
      }
      return read;
    },

    async markStoriesRead(userId, storyIds) {
      checkIds(storyIds);
      let written = 0;
      const unique = [...new Set(storyIds)];
      for (let start = 0; start < unique.length; start += ITEM_STATE_BATCH_SIZE) {
        const batch = unique.slice(start, start + ITEM_STATE_BATCH_SIZE);
        const result = await sql`INSERT INTO item_states (user_id, item_id, read, starred, updated_at)
          SELECT CAST(${userId} AS BIGINT), story_members.item_id, CAST(1 AS SMALLINT), CAST(0 AS SMALLINT), CAST(${Date.now()} AS BIGINT)
          FROM story_members WHERE story_members.story_id IN (SELECT j.value FROM ${valueList(engine, batch, 'bigint')})
          ON CONFLICT (user_id, item_id) DO UPDATE SET read = 1, updated_at = excluded.updated_at`.execute(
          kysely,
        );
        written += Number(result.numAffectedRows ?? 0);
      }
      return written;
    },

    async unreadCounts(userId) {
      const { rows } = await sql<{ feed_id: number; count: number | string; newest: number | string }>`
        SELECT items.feed_id, COUNT(*) AS count, MAX(items.sort_at) AS newest
        FROM items ${stateJoin(userId)} WHERE COALESCE(s.read, 0) = 0
        GROUP BY items.feed_id ORDER BY items.feed_id`.execute(kysely);
      return rows.map((row) => ({
        feedId: Number(row.feed_id),
        count: Number(row.count),
        newest: Number(row.newest),
      }));
    },
  };
}
