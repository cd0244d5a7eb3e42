import { type Kysely, type RawBuilder, type Selectable, sql, type UpdateObject } from 'kysely';
import { DbInputError, DbNotFoundError } from '../errors.js';
import type { Database, FeedsTable } from '../schema/schema.js';
import type { DbContext } from '../sql/context.js';
import { decodeCursor, encodeCursor, pageSize, toPage } from '../sql/cursor.js';
import { toIso, toIsoOrNull, toMillis, toMillisOrNull } from '../sql/time.js';
import { storiesOfFeed } from '../stories/story-members.js';
import { refreshStories } from '../stories/story-summary.js';
import type {
  ClaimOptions,
  Feed,
  FeedPatch,
  FeedsApi,
  FeedWithStats,
  IdentityRule,
  NewFeed,
  UnchangedPoll,
} from '../types.js';

/** A lease long enough for a slow poll (fetch, full-text pages, ingest); a crashed worker's feeds return after it. */
export const DEFAULT_LEASE_SECONDS = 300;
export const DEFAULT_POLL_INTERVAL_SECONDS = 3600;
/** PostgreSQL claims look at this many times `limit` candidates, so concurrent claimers skip past each other's locks. */
const CLAIM_OVERFETCH = 4;

type FeedRow = Selectable<FeedsTable>;
type FeedUpdate = UpdateObject<Database, 'feeds'>;

export function toFeed(row: FeedRow): Feed {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    siteUrl: row.site_url,
    iconUrl: row.icon_url,
    language: row.language,
    folder: row.folder,
    etag: row.etag,
    lastModified: row.last_modified,
    nextPollAt: toIso(row.next_poll_at),
    pollIntervalSeconds: row.poll_interval_seconds,
    errorCount: row.error_count,
    lastError: row.last_error,
    lastErrorAt: toIsoOrNull(row.last_error_at),
    lastSuccessAt: toIsoOrNull(row.last_success_at),
    disabled: Boolean(row.disabled),
    disabledReason: row.disabled_reason,
    identityRule: row.identity_rule as IdentityRule | null,
    leaseOwner: row.lease_owner,
    leaseExpiresAt: toIsoOrNull(row.lease_expires_at),
    createdAt: toIso(row.created_at),
    claimAttempts: Number(row.claim_attempts),
    crashCount: Number(row.crash_count),
  };
}

/** The host politeness limits group by: lower-cased, with the port. */
export function feedHost(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch (error) {
    throw new DbInputError(`feed URL is not an absolute URL: ${JSON.stringify(url)}`, { cause: error });
  }
}

/** Feeds due at `now`: enabled, their poll time come, and not leased (or their lease expired). */
const dueAt = (now: number) =>
  sql`disabled = 0 AND next_poll_at <= ${now} AND (lease_expires_at IS NULL OR lease_expires_at <= ${now})`;

function patchColumns(patch: FeedPatch): FeedUpdate {
  const columns: FeedUpdate = {};
  if (patch.url !== undefined) Object.assign(columns, { url: patch.url, host: feedHost(patch.url) });
  if (patch.title !== undefined) columns.title = patch.title;
  if (patch.siteUrl !== undefined) columns.site_url = patch.siteUrl;
  if (patch.iconUrl !== undefined) columns.icon_url = patch.iconUrl;
  if (patch.language !== undefined) columns.language = patch.language;
  if (patch.folder !== undefined) columns.folder = patch.folder;
  if (patch.etag !== undefined) columns.etag = patch.etag;
  if (patch.lastModified !== undefined) columns.last_modified = patch.lastModified;
  if (patch.nextPollAt !== undefined) columns.next_poll_at = toMillis(patch.nextPollAt, 'nextPollAt');
  if (patch.pollIntervalSeconds !== undefined) columns.poll_interval_seconds = patch.pollIntervalSeconds;
  if (patch.errorCount !== undefined) columns.error_count = patch.errorCount;
  if (patch.lastError !== undefined) columns.last_error = patch.lastError;
  if (patch.lastErrorAt !== undefined)
    columns.last_error_at = toMillisOrNull(patch.lastErrorAt, 'lastErrorAt');
  if (patch.lastSuccessAt !== undefined)
    columns.last_success_at = toMillisOrNull(patch.lastSuccessAt, 'lastSuccessAt');
  if (patch.disabled !== undefined) columns.disabled = patch.disabled ? 1 : 0;
  if (patch.disabledReason !== undefined) columns.disabled_reason = patch.disabledReason;
  if (patch.identityRule !== undefined) columns.identity_rule = patch.identityRule;
  return columns;
}

/** Sets `columns` and releases the lease, if `workerId` still holds it; whether it did. */
async function release(db: Kysely<Database>, id: number, workerId: string, columns: FeedUpdate) {
  const result = await db
    .updateTable('feeds')
    .set({ ...columns, lease_owner: null, lease_expires_at: null })
    .where('id', '=', id)
    .where('lease_owner', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A poll's outcome: its patch, the claim attempts cleared, `crashes` in a row from now. */
function outcome(patch: FeedPatch, crashes: number | RawBuilder<number>): FeedUpdate {
  return { ...patchColumns(patch), claim_attempts: 0, crash_count: crashes };
}

export function createFeedsApi(ctx: DbContext): FeedsApi {
  const { kysely } = ctx;

  async function feedBy(column: 'id' | 'url', value: number | string): Promise<Feed | null> {
    const row = await kysely.selectFrom('feeds').selectAll().where(column, '=', value).executeTakeFirst();
    return row ? toFeed(row) : null;
  }

  async function claimDue(workerId: string, limit: number, options: ClaimOptions = {}): Promise<Feed[]> {
    if (!Number.isInteger(limit) || limit < 1) return [];
    const now = options.now?.getTime() ?? Date.now();
    const expires = now + (options.leaseSeconds ?? DEFAULT_LEASE_SECONDS) * 1000;
    const perHost = options.perHostLimit ?? limit;
    const due = dueAt(now);
    const ranked = sql`SELECT id, next_poll_at,
        row_number() OVER (PARTITION BY host ORDER BY next_poll_at, id) AS host_rank
      FROM feeds WHERE ${due}`;
    const lease = sql`lease_owner = ${workerId}, lease_expires_at = ${expires}`;
    // SQLite: one statement inside BEGIN IMMEDIATE, so no other writer interleaves. PostgreSQL: rows
    // another claimer holds are skipped, rows it leased meanwhile fail the re-checked WHERE.
    const { rows } =
      ctx.engine === 'sqlite'
        ? await ctx.transaction((trx) =>
            sql<FeedRow>`UPDATE feeds SET ${lease}, claim_attempts = claim_attempts + 1
              WHERE id IN (SELECT id FROM (${ranked}) AS ranked WHERE host_rank <= ${perHost}
                ORDER BY next_poll_at, id LIMIT ${limit})
              RETURNING *`.execute(trx),
          )
        : await sql<FeedRow>`WITH ranked AS (${ranked}),
              picked AS (SELECT id FROM ranked WHERE host_rank <= ${perHost}
                ORDER BY next_poll_at, id LIMIT ${limit * CLAIM_OVERFETCH}),
              locked AS (SELECT id FROM feeds WHERE id IN (SELECT id FROM picked) AND ${due}
                ORDER BY next_poll_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
            UPDATE feeds SET ${lease}, claim_attempts = feeds.claim_attempts + 1
            FROM locked WHERE feeds.id = locked.id
            RETURNING feeds.*`.execute(kysely);
    return rows.map(toFeed).sort((a, b) => a.nextPollAt.localeCompare(b.nextPollAt) || a.id - b.id);
  }

  return {
    async add(feed: NewFeed): Promise<Feed> {
      const now = Date.now();
      const row = await kysely
        .insertInto('feeds')
        .values({
          url: feed.url,
          host: feedHost(feed.url),
          title: feed.title ?? null,
          site_url: feed.siteUrl ?? null,
          folder: feed.folder ?? null,
          next_poll_at: feed.nextPollAt === undefined ? now : toMillis(feed.nextPollAt, 'nextPollAt'),
          poll_interval_seconds: DEFAULT_POLL_INTERVAL_SECONDS,
          error_count: 0,
          disabled: 0,
          created_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toFeed(row);
    },

    get: (id: number) => feedBy('id', id),

    getByUrl: (url: string) => feedBy('url', url),

    async list(request = {}) {
      const limit = pageSize(request.limit);
      const enabled = request.includeDisabled ? sql`true` : sql`disabled = 0`;
      const after = request.cursor ? sql`id > ${decodeCursor('feeds', request.cursor, 1)[0]}` : sql`true`;
      // The count the database's triggers keep: a page of feeds never reads their items.
      const { rows } = await sql<FeedRow & { item_count: number }>`SELECT feeds.*,
          COALESCE((SELECT c.items FROM feed_item_counts c WHERE c.feed_id = feeds.id), 0) AS item_count
        FROM feeds WHERE ${enabled} AND ${after} ORDER BY id LIMIT ${limit + 1}`.execute(kysely);
      return toPage(
        rows,
        limit,
        (row): FeedWithStats => ({ ...toFeed(row), itemCount: Number(row.item_count) }),
        (row) => encodeCursor('feeds', [row.id]),
      );
    },

    async update(id: number, patch: FeedPatch): Promise<Feed> {
      const columns = patchColumns(patch);
      const update = kysely.updateTable('feeds').set(columns).where('id', '=', id).returningAll();
      const row = Object.keys(columns).length > 0 ? await update.executeTakeFirst() : undefined;
      const feed = row ? toFeed(row) : await feedBy('id', id);
      if (!feed) throw new DbNotFoundError('feed', id);
      return feed;
    },

    async remove(id: number): Promise<void> {
      await ctx.transaction(async (trx) => {
        const storyIds = await storiesOfFeed(trx, id);
        const deleted = await trx.deleteFrom('feeds').where('id', '=', id).executeTakeFirst();
        if (Number(deleted.numDeletedRows) === 0) throw new DbNotFoundError('feed', id);
        // The feed's items went with it (ON DELETE CASCADE); its stories lost members.
        await refreshStories(trx, ctx.engine, storyIds);
      });
    },

    claimDue,

    finishPoll: (id: number, workerId: string, patch: FeedPatch) =>
      release(kysely, id, workerId, outcome(patch, 0)),

    recordCrash: (id: number, workerId: string, patch: FeedPatch) =>
      release(kysely, id, workerId, outcome(patch, sql`crash_count + 1`)),

    async finishUnchanged(workerId: string, polls: UnchangedPoll[]): Promise<number[]> {
      if (polls.length === 0) return [];
      const next = polls.map((poll) => toMillis(poll.nextPollAt, 'nextPollAt'));
      const polledAt = polls.map((poll) => toMillis(poll.polledAt, 'polledAt'));
      if (ctx.engine === 'postgres') {
        // One statement for the whole batch: a 304 round is otherwise one round trip and one commit per feed.
        const { rows } = await sql<{ id: number }>`UPDATE feeds SET next_poll_at = v.next_poll_at,
            poll_interval_seconds = v.poll_interval_seconds, last_success_at = v.last_success_at,
            error_count = 0, last_error = NULL, last_error_at = NULL, lease_owner = NULL, lease_expires_at = NULL,
            claim_attempts = 0, crash_count = 0
          FROM unnest(${polls.map((poll) => poll.id)}::bigint[], ${next}::bigint[],
            ${polls.map((poll) => poll.pollIntervalSeconds)}::int[], ${polledAt}::bigint[])
            AS v(id, next_poll_at, poll_interval_seconds, last_success_at)
          WHERE feeds.id = v.id AND feeds.lease_owner = ${workerId}
          RETURNING feeds.id`.execute(kysely);
        return rows.map((row) => Number(row.id));
      }
      return ctx.transaction(async (trx) => {
        const updated: number[] = [];
        for (const { id, nextPollAt, pollIntervalSeconds, polledAt } of polls) {
          const patch = { nextPollAt, pollIntervalSeconds, lastSuccessAt: polledAt, errorCount: 0 };
          if (await release(trx, id, workerId, outcome({ ...patch, lastError: null, lastErrorAt: null }, 0)))
            updated.push(id);
        }
        return updated;
      });
    },

    async releaseLease(id: number, workerId: string): Promise<void> {
      const attempts = sql<number>`CASE WHEN claim_attempts > 0 THEN claim_attempts - 1 ELSE 0 END`;
      await release(kysely, id, workerId, { claim_attempts: attempts });
    },

    async folders(): Promise<string[]> {
      const { rows } = await sql<{ folder: string }>`SELECT DISTINCT folder FROM feeds
        WHERE folder IS NOT NULL ORDER BY folder`.execute(kysely);
      return rows.map((row) => row.folder);
    },

    async countDue(now = new Date()): Promise<number> {
      const { rows } = await sql<{ count: number }>`SELECT count(*) AS count FROM feeds
        WHERE ${dueAt(now.getTime())}`.execute(kysely);
      return Number(rows[0]?.count ?? 0);
    },
  };
}
