import { type RawBuilder, sql } from 'kysely';
import { batches } from '../sql/batches.js';
import type { DbContext } from '../sql/context.js';
import { inIds, valueList } from '../sql/value-list.js';
import { retryOnConflict } from '../sql/write-retry.js';
import { STORY_MEMBER_ITEMS } from '../stories/story-members.js';
import {
  checkIds,
  filterClauses,
  type StreamFilter,
  type StreamItem,
  type StreamRequest,
  stateJoin,
  streamPage,
  where,
} from './item-stream.js';
import { lockWriteScope } from './state-write-scope.js';

// Read and saved ("starred") state per user per item; no row means unread and not saved. Keyed by
// item, so it survives re-clustering; each row carries its item's feed for the unread counters.

export { MAX_STREAM_PAGE_SIZE } from './item-stream.js';
export type { StreamFilter, StreamItem, StreamRequest };

/** Item ids written per statement. */
export const ITEM_STATE_BATCH_SIZE = 500;

export interface ItemState {
  read: boolean;
  starred: boolean;
}

export type StateChange = Partial<ItemState>;

export interface UnreadCount {
  feedId: number;
  count: number;
  /** Sort time (ms) of the feed's newest item: the Google Reader API's newestItemTimestampUsec. */
  newest: number;
  /** The feed's URL and OPML folder, for a client's stream ids. */
  feedUrl: string;
  folder: string | null;
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
  /** Unread items per feed, for feeds with at least one, from the counters the triggers keep. */
  unreadCounts(userId: number): Promise<UnreadCount[]>;
}

const READ: StateChange = { read: true, starred: false };

/** INSERT of the user's state `change` (unset: false) for each `items` row of the FROM that follows. */
function stateInsert(userId: number, change: StateChange, now: number): RawBuilder<unknown> {
  return sql`INSERT INTO item_states (user_id, item_id, feed_id, read, starred, updated_at)
    SELECT CAST(${userId} AS BIGINT), items.id, items.feed_id, CAST(${change.read ? 1 : 0} AS SMALLINT),
      CAST(${change.starred ? 1 : 0} AS SMALLINT), CAST(${now} AS BIGINT)`;
}

export function createItemStatesApi(ctx: DbContext): ItemStatesApi {
  const { kysely, engine } = ctx;

  /** item_states writes in the locked scope of `candidateFeeds`, run again after a deadlock; rows written. */
  function writeStates(
    userId: number,
    candidateFeeds: RawBuilder<unknown>,
    statements: (scope: RawBuilder<unknown>) => RawBuilder<unknown>[],
  ): Promise<number> {
    return retryOnConflict(() =>
      ctx.transaction(async (trx) => {
        const scope = await lockWriteScope(trx, engine, userId, candidateFeeds);
        let written = 0;
        for (const statement of statements(scope))
          written += Number((await statement.execute(trx)).numAffectedRows ?? 0);
        return written;
      }),
    );
  }

  return {
    async mark(userId, itemIds, change) {
      checkIds(itemIds);
      if (change.read === undefined && change.starred === undefined) return 0;
      const sets: RawBuilder<unknown>[] = [sql`updated_at = excluded.updated_at`];
      if (change.read !== undefined) sets.push(sql`read = excluded.read`);
      if (change.starred !== undefined) sets.push(sql`starred = excluded.starred`);
      const now = Date.now();
      let written = 0;
      for (const batch of batches([...new Set(itemIds)], ITEM_STATE_BATCH_SIZE)) {
        const listed = sql`FROM items WHERE items.id ${inIds(engine, batch)}`;
        written += await writeStates(userId, sql`SELECT items.feed_id ${listed}`, (scope) => [
          sql`${stateInsert(userId, change, now)} ${listed} AND ${scope}
            ON CONFLICT (user_id, item_id) DO UPDATE SET ${sql.join(sets)}`,
        ]);
      }
      return written;
    },

    markAllRead(userId, filter, upTo) {
      const clauses = filterClauses(engine, userId, { ...filter, excludeRead: false });
      clauses.push(sql`items.sort_at <= ${upTo}`);
      const feedClauses: RawBuilder<unknown>[] = [];
      if (filter.feedId !== undefined) feedClauses.push(sql`feeds.id = ${filter.feedId}`);
      if (filter.folder !== undefined) feedClauses.push(sql`feeds.folder = ${filter.folder}`);
      // Two statements, neither reading item_states while it writes them (a plan picked while it was
      // empty reread every row added so far): new rows first, unless the filter is on state, then the
      // rows still unread.
      const needsState = filter.starredOnly || filter.readOnly;
      const now = Date.now();
      const matching = sql`FROM items JOIN feeds ON feeds.id = items.feed_id`;
      return writeStates(userId, sql`SELECT feeds.id FROM feeds ${where(feedClauses)}`, (scope) => [
        ...(needsState
          ? []
          : [
              sql`${stateInsert(userId, READ, now)} ${matching} ${where([...clauses, scope])}
                ON CONFLICT (user_id, item_id) DO NOTHING`,
            ]),
        sql`UPDATE item_states AS s SET read = 1, updated_at = ${now} ${matching}
          ${where([sql`s.user_id = ${userId}`, sql`s.item_id = items.id`, sql`s.read = 0`, ...clauses, scope])}`,
      ]);
    },

    async get(userId, itemIds) {
      checkIds(itemIds);
      const states = new Map<number, ItemState>();
      for (const batch of batches([...new Set(itemIds)], ITEM_STATE_BATCH_SIZE)) {
        const { rows } = await sql<{ id: number; read: number | null; starred: number | null }>`
          SELECT items.id, s.read, s.starred FROM items ${stateJoin(userId)}
          WHERE items.id ${inIds(engine, batch)}`.execute(kysely);
        for (const row of rows)
          states.set(Number(row.id), { read: row.read === 1, starred: row.starred === 1 });
      }
      return states;
    },

    stream: (userId, request) => streamPage(ctx, userId, request),

    async readStories(userId, storyIds) {
      checkIds(storyIds);
      const read = new Set<number>();
      for (const batch of batches([...new Set(storyIds)], ITEM_STATE_BATCH_SIZE)) {
        // Read: the story has items and none of them is unread. The inner search stops at the first
        // unread item, so a fresh story (the front page's usual case) costs one or two probes.
        const { rows } = await sql<{ story_id: number }>`SELECT j.value AS story_id
          FROM ${valueList(engine, batch)}
          WHERE EXISTS (SELECT 1 FROM story_members m WHERE m.story_id = j.value)
            AND NOT EXISTS (SELECT 1 FROM story_members m WHERE m.story_id = j.value
              AND NOT EXISTS (SELECT 1 FROM item_states r
                WHERE r.user_id = ${userId} AND r.item_id = m.item_id AND r.read = 1))`.execute(kysely);
        for (const row of rows) read.add(Number(row.story_id));
      }
      return read;
    },

    async markStoriesRead(userId, storyIds) {
      checkIds(storyIds);
      let written = 0;
      for (const batch of batches([...new Set(storyIds)], ITEM_STATE_BATCH_SIZE)) {
        const inBatch = sql`story_members.story_id ${inIds(engine, batch)}`;
        const members = sql`FROM ${STORY_MEMBER_ITEMS} WHERE ${inBatch}`;
        written += await writeStates(userId, sql`SELECT items.feed_id ${members}`, (scope) => [
          sql`${stateInsert(userId, READ, Date.now())} ${members} AND ${scope}
            ON CONFLICT (user_id, item_id) DO UPDATE SET read = 1, updated_at = excluded.updated_at`,
        ]);
      }
      return written;
    },

    async unreadCounts(userId) {
      // Both engines return the counts as numbers (PostgreSQL: see openPostgres).
      const { rows } = await sql<UnreadCount>`SELECT c.feed_id AS "feedId",
          c.items - COALESCE(r.read, 0) AS count, c.newest, feeds.url AS "feedUrl", feeds.folder
        FROM feed_item_counts c JOIN feeds ON feeds.id = c.feed_id
        LEFT JOIN feed_read_counts r ON r.feed_id = c.feed_id AND r.user_id = ${userId}
        WHERE c.items - COALESCE(r.read, 0) > 0 ORDER BY c.feed_id`.execute(kysely);
      return rows;
    },
  };
}
