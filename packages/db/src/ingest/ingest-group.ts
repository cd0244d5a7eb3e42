import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema/schema.js';
import type { DbContext } from '../sql/context.js';
import { indexQueuedItems } from './full-text-queue.js';

// Group commit for SQLite's single writer: calls that queued while a transaction ran share the next
// one, each in its own SAVEPOINT (a failing call is rolled back alone); the first never waits.

/** At most this many items are written in one group transaction (the rest wait for the next). */
export const MAX_GROUP_ITEMS = 2_000;

export type GroupedWork<T> = (trx: Kysely<Database>) => Promise<T>;

interface Queued {
  items: number;
  work: GroupedWork<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export function createIngestGroup(ctx: DbContext) {
  const queue: Queued[] = [];
  let writing = false;

  /** The queued calls up to MAX_GROUP_ITEMS items (always at least one). */
  function nextGroup(): Queued[] {
    let items = 0;
    let count = 0;
    while (count < queue.length && (count === 0 || items + queue[count]!.items <= MAX_GROUP_ITEMS)) {
      items += queue[count]!.items;
      count += 1;
    }
    return queue.splice(0, count);
  }

  async function write(group: Queued[]): Promise<void> {
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      await ctx.transaction(async (trx) => {
        for (const call of group) {
          if (group.length === 1) {
            // Alone: its failure is the transaction's, as without grouping.
            outcomes.push({ ok: true, value: await call.work(trx) });
            continue;
          }
          await sql`SAVEPOINT ingest_call`.execute(trx);
          try {
            const value = await call.work(trx);
            await sql`RELEASE ingest_call`.execute(trx);
            outcomes.push({ ok: true, value });
          } catch (error) {
            try {
              await sql`ROLLBACK TO ingest_call`.execute(trx);
              await sql`RELEASE ingest_call`.execute(trx);
            } catch {
              // The engine ended the whole transaction (e.g. SQLITE_FULL): the call's error says why.
              throw error;
            }
            outcomes.push({ ok: false, error });
          }
        }
        // The group's new items enter the full-text index together (one FTS5 segment per group).
        await indexQueuedItems(trx, ctx.engine);
      });
    } catch (error) {
      // Nothing was committed (BEGIN or COMMIT failed, or the transaction could not be rolled back
      // to a savepoint): every call of the group fails with that error.
      for (const call of group) call.reject(error);
      return;
    }
    group.forEach((call, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) call.resolve(outcome.value);
      else call.reject(outcome.error);
    });
  }

  async function drain(): Promise<void> {
    writing = true;
    try {
      while (queue.length > 0) await write(nextGroup());
    } finally {
      writing = false;
    }
  }

  return {
    /** Runs `work` in the next group transaction; resolves once that transaction has committed. */
    run<T>(items: number, work: GroupedWork<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ items, work, resolve: resolve as (value: unknown) => void, reject });
        if (!writing) void drain();
      });
    },
  };
}
