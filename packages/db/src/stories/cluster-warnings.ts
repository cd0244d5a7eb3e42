import { type Selectable, sql } from 'kysely';
import { DbInputError } from '../errors.js';
import type { ClusterWarningsTable } from '../schema/schema.js';
import type { DbContext } from '../sql/context.js';
import { toIso } from '../sql/time.js';
import type { ClusterWarning, ClusterWarningsApi } from '../types.js';

// The clusterer's warnings for admins. Each record drops all but the newest KEPT_WARNINGS, so a
// warning on every batch cannot grow the table.

/** Warnings kept: many more than the admin page lists. */
export const KEPT_WARNINGS = 200;
/** Characters of a message stored at most. */
const MAX_MESSAGE_CHARS = 2_000;

export function createClusterWarningsApi(ctx: DbContext): ClusterWarningsApi {
  const { kysely } = ctx;
  return {
    async record(warning) {
      if (!warning.kind) throw new DbInputError('a cluster warning needs a kind');
      await ctx.transaction(async (trx) => {
        const message = warning.message.slice(0, MAX_MESSAGE_CHARS);
        const { rows } = await sql<{ id: number }>`INSERT INTO cluster_warnings (at, kind, message)
          VALUES (${warning.at}, ${warning.kind}, ${message}) RETURNING id`.execute(trx);
        const newestDropped = Number(rows[0]!.id) - KEPT_WARNINGS;
        await sql`DELETE FROM cluster_warnings WHERE id <= ${newestDropped}`.execute(trx);
      });
    },

    async recent(limit) {
      const count = Math.max(1, Math.min(limit, KEPT_WARNINGS));
      const { rows } = await sql<Selectable<ClusterWarningsTable>>`SELECT id, at, kind, message
        FROM cluster_warnings ORDER BY id DESC LIMIT ${count}`.execute(kysely);
      return rows.map((row): ClusterWarning => ({ ...row, id: Number(row.id), at: toIso(row.at) }));
    },
  };
}
