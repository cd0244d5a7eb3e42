import { sql } from 'kysely';
import type { DbContext } from '../sql/context.js';
import { encodeCursor, keysetAfter, pageSize, toPage } from '../sql/cursor.js';
import { toIso, toMillis } from '../sql/time.js';
import type { Poll, PollRecord, PollsApi } from '../types.js';

/** A Poll's columns, named as its fields; the start time stays in ms until the page's cursor is made. */
const POLL_COLUMNS = sql`polls.id, polls.feed_id AS "feedId", polls.started_at AS "startedAt",
  polls.duration_ms AS "durationMs", polls.http_status AS "httpStatus", polls.bytes,
  polls.items_new AS "itemsNew", polls.items_updated AS "itemsUpdated", polls.error`;

type PollRow = Omit<Poll, 'startedAt'> & { startedAt: number };

const toPoll = (row: PollRow): Poll => ({ ...row, startedAt: toIso(row.startedAt) });

const afterCursor = (cursor: string | null | undefined) =>
  keysetAfter('polls', cursor, 'polls.started_at', 'polls.id');

const pollCursor = (row: PollRow) => encodeCursor('polls', [row.startedAt, row.id]);

export function createPollsApi(ctx: DbContext): PollsApi {
  const { kysely } = ctx;
  return {
    async record(poll: PollRecord): Promise<void> {
      await kysely
        .insertInto('polls')
        .values({
          feed_id: poll.feedId,
          started_at: toMillis(poll.startedAt, 'startedAt'),
          duration_ms: Math.max(0, Math.round(poll.durationMs)),
          http_status: poll.httpStatus,
          bytes: Math.max(0, Math.round(poll.bytes)),
          items_new: poll.itemsNew,
          items_updated: poll.itemsUpdated,
          error: poll.error,
        })
        .execute();
    },

    async listByFeed(feedId, request = {}) {
      const limit = pageSize(request.limit);
      const { rows } = await sql<PollRow>`SELECT ${POLL_COLUMNS} FROM polls
        WHERE feed_id = ${feedId} AND ${afterCursor(request.cursor)}
        ORDER BY started_at DESC, id DESC LIMIT ${limit + 1}`.execute(kysely);
      return toPage(rows, limit, toPoll, pollCursor);
    },

    async recentErrors(request = {}) {
      const limit = pageSize(request.limit);
      const { rows } = await sql<PollRow & { feedUrl: string }>`SELECT ${POLL_COLUMNS}, feeds.url AS "feedUrl"
        FROM polls JOIN feeds ON feeds.id = polls.feed_id
        WHERE polls.error IS NOT NULL AND ${afterCursor(request.cursor)}
        ORDER BY polls.started_at DESC, polls.id DESC LIMIT ${limit + 1}`.execute(kysely);
      return toPage(rows, limit, (row) => ({ ...toPoll(row), feedUrl: row.feedUrl }), pollCursor);
    },

    async prune(olderThan: string): Promise<number> {
      const cutoff = toMillis(olderThan, 'olderThan');
      const result = await sql`DELETE FROM polls WHERE started_at < ${cutoff}`.execute(kysely);
      return Number(result.numAffectedRows);
    },
  };
}
