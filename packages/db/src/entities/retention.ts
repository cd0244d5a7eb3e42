import { sql } from 'kysely';
import type { DbContext } from '../sql/context.js';
import { toMillis } from '../sql/time.js';
import { retryOnConflict } from '../sql/write-retry.js';
import type { RetentionApi } from '../types.js';
import { deleteItems } from './items.js';

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
        // A reader marking items of the batch can deadlock with its cascade; the batch then runs again.
        const deleted = await retryOnConflict(() =>
          ctx.transaction(async (trx) => {
            // A saved item stays until its reader unsaves it.
            const { rows } = await sql<{ id: number }>`SELECT id FROM items WHERE sort_at < ${cutoff}
              AND NOT EXISTS (SELECT 1 FROM item_states WHERE item_states.item_id = items.id
                AND item_states.starred = 1) ORDER BY sort_at LIMIT ${batchSize}`.execute(trx);
            const ids = rows.map((row) => Number(row.id));
            if (ids.length > 0) totals.stories += await deleteItems(trx, ctx.engine, ids);
            return ids.length;
          }),
        );
        totals.items += deleted;
        if (deleted < batchSize) break;
      }
      if (options.tombstonesOlderThan !== undefined) {
        const cutoff = toMillis(options.tombstonesOlderThan, 'tombstonesOlderThan');
        const result = await sql`DELETE FROM tombstones WHERE deleted_at < ${cutoff}`.execute(ctx.kysely);
        totals.tombstones = Number(result.numAffectedRows);
      }
      return totals;
    },
  };
}
