import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../schema/schema.js';
import type { DbContext } from '../sql/context.js';

// PostgreSQL search plans: the planner's row estimates, and a transaction that reads the word index
// by id range however the planner would rather do it.

/**
 * For the rest of the transaction `trx`: no plain index scans, sequential scans or parallel plans, so
 * that a query is read from its indexes as bitmaps; returns the newest item id. The planner would
 * rather walk the primary key, testing every row (reading its whole tsvector, a cost it does not see),
 * and parallel workers would mix the ranges' order. The newest id is read under the session's settings
 * (planned before set_config runs).
 */
export async function bitmapScansOnly(trx: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ newest: string | null }>`SELECT
      set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true),
      set_config('max_parallel_workers_per_gather', '0', true), (SELECT max(id) FROM items) AS newest`.execute(
    trx,
  );
  return Number(rows[0]?.newest ?? 0);
}

/**
 * The planner's estimate of the items matching each condition (from the column's and the word index's
 * statistics), in one EXPLAIN; `sql\`true\`` estimates the table's rows.
 */
export async function estimateRows(ctx: DbContext, conditions: RawBuilder<unknown>[]): Promise<number[]> {
  interface Plan {
    'Plan Rows': number;
    Plans?: Plan[];
  }
  const selects = conditions.map((condition) => sql`SELECT 1 FROM items WHERE ${condition}`);
  const { rows } = await sql<{ 'QUERY PLAN': [{ Plan: Plan }] }>`EXPLAIN (FORMAT JSON)
    ${sql.join(selects, sql` UNION ALL `)}`.execute(ctx.kysely);
  const branches = rows[0]?.['QUERY PLAN'][0].Plan.Plans ?? [];
  return conditions.map((_, index) => Math.max(branches[index]?.['Plan Rows'] ?? 1, 1));
}
