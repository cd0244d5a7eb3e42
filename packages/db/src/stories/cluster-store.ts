import { type Kysely, sql, type Updateable } from 'kysely';
import { DbInputError, DbLeaseLostError } from '../errors.js';
import type { Database, LeasesTable } from '../schema/schema.js';
import { batches } from '../sql/batches.js';
import type { DbContext } from '../sql/context.js';
import { inIds, pairList, valueList } from '../sql/value-list.js';
import type { ClusterBatch, ClusterItem, ClusteringApi, ClusterLease, Engine } from '../types.js';
import { enqueueForClustering } from './cluster-queue.js';
import { ITEM_MEMBERSHIP_JOIN, moveMembers, storyOfEachItem, writeMemberships } from './story-members.js';
import { refreshStories } from './story-summary.js';

// The clusterer's lease, queue and batch writes. Every write first renews the lease, so a clusterer
// that lost it (a long pause, a takeover) cannot write over its successor.

export const CLUSTER_LEASE = 'clusterer';
/** Rows per statement that writes memberships or dequeues (bound as one parameter each). */
const ROWS_PER_STATEMENT = 1_000;
/** Text read per item when the caller names no limit: the clusterer keeps its window's texts in memory. */
export const DEFAULT_CLUSTER_TEXT_CHARS = 1_000;

/** A ClusterItem's columns; the text is cut in the database, so no long string is read. */
const itemColumns = (textChars: number) => sql`items.id, items.feed_id AS "feedId", items.title,
  substr(coalesce(items.content_text, items.summary), 1, ${Math.max(0, Math.trunc(textChars))}) AS text,
  items.language, items.published_at AS "publishedAt", items.first_seen_at AS "firstSeenAt",
  story_members.story_id AS "storyId"`;

/** Items with a story first seen at or after `since` and not queued: what the clusterer's index holds. */
const indexedSince = (since: number) => sql`FROM items JOIN story_members ON story_members.item_id = items.id
  WHERE items.first_seen_at >= ${since}
    AND NOT EXISTS (SELECT 1 FROM cluster_queue WHERE cluster_queue.item_id = items.id)`;

/**
 * The first `limit` queued items, in id order. SQLite: CROSS JOIN keeps the queue outside; a planner
 * that saw the queue empty would scan every item for each batch.
 */
export function queuedItemsQuery(engine: Engine, limit: number, textChars: number) {
  const join = engine === 'sqlite' ? sql`CROSS JOIN` : sql`JOIN`;
  return sql<ClusterItem & { version: number; queuedAt: number; recluster: number }>`SELECT
    ${itemColumns(textChars)}, cluster_queue.version, cluster_queue.queued_at AS "queuedAt",
    cluster_queue.recluster
    FROM cluster_queue ${join} items ON items.id = cluster_queue.item_id ${ITEM_MEMBERSHIP_JOIN}
    ORDER BY cluster_queue.item_id LIMIT ${limit}`;
}

async function highest(db: Kysely<Database>, table: 'items' | 'cluster_queue', column: string) {
  const { rows } = await sql<{ top: number | null }>`SELECT max(${sql.ref(column)}) AS top
    FROM ${sql.table(table)}`.execute(db);
  return rows[0]?.top === null || rows[0]?.top === undefined ? null : Number(rows[0].top);
}

/** Sets `columns` of the lease row if `holder` holds it; whether it did. */
async function updateLease(db: Kysely<Database>, holder: string, columns: Updateable<LeasesTable>) {
  const query = db.updateTable('leases').set(columns).where('name', '=', CLUSTER_LEASE);
  return Number((await query.where('holder', '=', holder).executeTakeFirst()).numUpdatedRows) > 0;
}

export function createClusteringApi(ctx: DbContext): ClusteringApi {
  const { kysely, engine } = ctx;
  const leaseRow = () => kysely.selectFrom('leases').where('name', '=', CLUSTER_LEASE);

  return {
    async acquire(holder, leaseSeconds, now = Date.now()): Promise<ClusterLease> {
      if (!holder) throw new DbInputError('lease holder must be a non-empty string');
      const expires = now + leaseSeconds * 1000;
      // Taken when free, expired or already ours; otherwise the row is left as it is.
      await sql`INSERT INTO leases (name, holder, expires_at, generation)
        VALUES (${CLUSTER_LEASE}, ${holder}, ${expires}, 0)
        ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
        WHERE leases.holder = excluded.holder OR leases.holder IS NULL
          OR leases.expires_at <= ${now}`.execute(kysely);
      const { rows } = await sql<Omit<ClusterLease, 'held'>>`SELECT holder, expires_at AS "expiresAt",
        generation FROM leases WHERE name = ${CLUSTER_LEASE}`.execute(kysely);
      return { held: rows[0]!.holder === holder, ...rows[0]! };
    },

    async release(holder) {
      await updateLease(kysely, holder, { holder: null, expires_at: 0 });
    },

    async queued(limit, textChars = DEFAULT_CLUSTER_TEXT_CHARS) {
      const { rows } = await queuedItemsQuery(engine, limit, textChars).execute(kysely);
      // Both engines return the numbers as numbers (PostgreSQL: see openPostgres).
      return rows.map((row) => ({ ...row, recluster: row.recluster === 1 }));
    },

    async queuedUpTo(itemId) {
      const { rows } = await sql<{ count: number }>`SELECT count(*) AS count FROM cluster_queue
        WHERE item_id <= ${itemId}`.execute(kysely);
      return Number(rows[0]?.count ?? 0);
    },

    newestQueued: () => highest(kysely, 'cluster_queue', 'item_id'),

    async indexed(since, afterId, limit, textChars = DEFAULT_CLUSTER_TEXT_CHARS) {
      const { rows } = await sql<ClusterItem & { storyId: number }>`SELECT ${itemColumns(textChars)}
        ${indexedSince(since)} AND items.id > ${afterId} ORDER BY items.id LIMIT ${limit}`.execute(kysely);
      return rows;
    },

    async indexedFloor(since, count) {
      // Newest first, skipping `count`: the row found is the last one the warm load leaves out.
      const { rows } = await sql<{ id: number }>`SELECT items.id ${indexedSince(since)}
        ORDER BY items.id DESC LIMIT 1 OFFSET ${count}`.execute(kysely);
      return rows[0] === undefined ? 0 : Number(rows[0].id);
    },

    newestFirstSeen: () => highest(kysely, 'items', 'first_seen_at'),

    async newStoryIds(count) {
      if (count <= 0) return [];
      if (engine === 'postgres') {
        // The identity column's own sequence: unique across transactions, whatever commits first.
        const { rows } = await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('stories', 'id'))
          AS id FROM generate_series(1, ${count})`.execute(kysely);
        return rows.map((row) => Number(row.id));
      }
      // SQLite: only the lease holder inserts stories, so the ids after the highest in use (or
      // redirected from) stay free until its next batch.
      const { rows } = await sql<{ top: number | null }>`SELECT max(top) AS top FROM (SELECT max(id) AS top
        FROM stories UNION ALL SELECT max(old_id) FROM story_redirects)`.execute(kysely);
      const first = Number(rows[0]?.top ?? 0) + 1;
      return Array.from({ length: count }, (_, index) => first + index);
    },

    async apply(batch: ClusterBatch, now = Date.now()) {
      await ctx.transaction(async (trx) => {
        if (!(await updateLease(trx, batch.holder, { expires_at: now + batch.leaseSeconds * 1000 })))
          throw new DbLeaseLostError(CLUSTER_LEASE, batch.holder);
        const targets = [...new Set(batch.assignments.map((assignment) => assignment.storyId))];
        // A story the clusterer places into may be new, or gone since (retention, a removed item):
        // its row is (re)created with a placeholder summary, which the refresh below replaces.
        for (const ids of batches(targets, ROWS_PER_STATEMENT)) {
          await sql`INSERT INTO stories (id, title, lead_item_id, lead_feed_id, item_count, source_count,
              first_seen_at, updated_at, published_at, score)
            SELECT j.value, '', 0, 0, 0, 0, 0, 0, 0, 0 FROM ${valueList(engine, ids)}
            WHERE true ON CONFLICT (id) DO NOTHING`.execute(trx);
          // A recluster may give a story back an id that was merged away: that id is a story again.
          await sql`DELETE FROM story_redirects WHERE old_id ${inIds(engine, ids)}`.execute(trx);
        }
        // Each queued item is taken once per batch: one assignment per item. The stories they leave
        // are refreshed too (or deleted, when emptied).
        const left = new Set<number>();
        for (const group of batches(batch.assignments, ROWS_PER_STATEMENT)) {
          const itemIds = group.map((assignment) => assignment.itemId);
          for (const id of (await storyOfEachItem(trx, engine, itemIds)).values()) left.add(id);
          await writeMemberships(trx, engine, group);
        }
        const refresh = new Map(batch.refresh);
        for (const { from, into } of batch.merges) {
          if (from === into) continue;
          await moveMembers(trx, from, into);
          await trx.updateTable('story_redirects').set({ new_id: into }).where('new_id', '=', from).execute();
          await sql`INSERT INTO story_redirects (old_id, new_id) VALUES (${from}, ${into})
            ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id`.execute(trx);
          await trx.deleteFrom('stories').where('id', '=', from).execute();
          refresh.delete(from);
          if (!refresh.has(into)) refresh.set(into, null);
        }
        for (const id of [...targets, ...left]) if (!refresh.has(id)) refresh.set(id, null);
        await refreshStories(trx, engine, refresh.keys(), refresh);
        for (const group of batches(batch.done, ROWS_PER_STATEMENT)) {
          const done = group.map(({ itemId, version }) => [itemId, version] as const);
          const pairs = pairList(engine, done, 'item_id', 'version');
          // Only the version placed: an edit queued meanwhile stays for the next batch.
          await sql`DELETE FROM cluster_queue WHERE (item_id, version) IN
            (SELECT moves.item_id, moves.version FROM ${pairs})`.execute(trx);
        }
      });
    },

    async requeue(since, now = Date.now()) {
      return ctx.transaction(async (trx) => {
        let count = 0;
        let after = 0;
        for (;;) {
          const { rows } = await sql<{ id: number }>`SELECT id FROM items WHERE first_seen_at >= ${since}
            AND id > ${after} ORDER BY id LIMIT ${ROWS_PER_STATEMENT}`.execute(trx);
          const ids = rows.map((row) => Number(row.id));
          if (ids.length === 0) break;
          await enqueueForClustering(trx, engine, ids, now, { recluster: true });
          count += ids.length;
          after = ids[ids.length - 1]!;
        }
        // The clusterer sees the generation change and rebuilds its index without these items.
        await sql`INSERT INTO leases (name, holder, expires_at, generation) VALUES (${CLUSTER_LEASE}, NULL, 0, 1)
          ON CONFLICT (name) DO UPDATE SET generation = leases.generation + 1`.execute(trx);
        return count;
      });
    },

    async generation() {
      const row = await leaseRow().select('generation').executeTakeFirst();
      return Number(row?.generation ?? 0);
    },
  };
}
