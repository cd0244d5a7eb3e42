import { DbInputError } from '../errors.js';
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
        const inserted = await trx
          .insertInto('cluster_warnings')
          .values({
            at: warning.at,
            kind: warning.kind,
            message: warning.message.slice(0, MAX_MESSAGE_CHARS),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .deleteFrom('cluster_warnings')
          .where('id', '<=', Number(inserted.id) - KEPT_WARNINGS)
          .execute();
      });
    },

    async recent(limit) {
      const rows = await kysely
        .selectFrom('cluster_warnings')
        .select(['id', 'at', 'kind', 'message'])
        .orderBy('id', 'desc')
        .limit(Math.max(1, Math.min(limit, KEPT_WARNINGS)))
        .execute();
      return rows.map((row): ClusterWarning => ({ ...row, id: Number(row.id), at: toIso(row.at) }));
    },
  };
}
