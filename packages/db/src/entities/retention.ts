import type { DbContext } from '../sql/context.js';
import { toMillis } from '../sql/time.js';
import { storiesOfItems } from '../stories/story-members.js';
import { refreshStories } from '../stories/story-summary.js';
import type { RetentionApi } from '../types.js';

/** Items deleted per transaction, so a large cleanup never holds the write lock for long. */
export const RETENTION_BATCH_SIZE = 1000;

export interface RetentionOptions {
  /** Also forget tombstones recorded before this time (their keys may then be ingested again). */
  tombstonesOlderThan?: string;
  batchSize?: number;
}

export interface RetentionResult {
  items: number;
  stories: number;
  tombstones: number;
}

export function createRetentionApi(ctx: DbContext): RetentionApi & {
  run(olderThan: string, options?: RetentionOptions): Promise<RetentionResult>;
} {
  return {
    async run(olderThan: string, options: RetentionOptions = {}): Promise<RetentionResult> {
      const cutoff = toMillis(olderThan, 'olderThan');
      const batchSize = options.batchSize ?? RETENTION_BATCH_SIZE;
      const totals: RetentionResult = { items: 0, stories: 0, tombstones: 0 };
      for (;;) {
        const deleted = await ctx.transaction(async (trx) => {
          const rows = await trx
            .selectFrom('items')
            .select(['id', 'feed_id', 'key'])
            .where('sort_at', '<', cutoff)
            // A saved item stays until its reader unsaves it.
            .where(({ not, exists, selectFrom }) =>
              not(
                exists(
                  selectFrom('item_states')
                    .select('item_states.item_id')
                    .whereRef('item_states.item_id', '=', 'items.id')
                    .where('item_states.starred', '=', 1),
                ),
              ),
            )
            .orderBy('sort_at')
            .limit(batchSize)
            .execute();
          if (rows.length === 0) return 0;
          const storyIds = await storiesOfItems(
            trx,
            ctx.engine,
            rows.map((row) => row.id),
          );
          const now = Date.now();
          // The tombstone keeps the next poll from bringing an expired item back.
          await trx
            .insertInto('tombstones')
            .values(rows.map((row) => ({ feed_id: row.feed_id, key: row.key, deleted_at: now })))
            .onConflict((conflict) => conflict.doNothing())
            .execute();
          // Deleting the rows deletes their search index entries and memberships too (trigger / cascade).
          await trx
            .deleteFrom('items')
            .where(
              'id',
              'in',
              rows.map((row) => row.id),
            )
            .execute();
          totals.stories += await refreshStories(trx, ctx.engine, storyIds);
          return rows.length;
        });
        totals.items += deleted;
        if (deleted < batchSize) break;
      }
      if (options.tombstonesOlderThan !== undefined) {
        const result = await ctx.kysely
          .deleteFrom('tombstones')
          .where('deleted_at', '<', toMillis(options.tombstonesOlderThan, 'tombstonesOlderThan'))
          .executeTakeFirst();
        totals.tombstones = Number(result.numDeletedRows);
      }
      return totals;
    },
  };
}
