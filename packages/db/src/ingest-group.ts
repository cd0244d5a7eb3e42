import { type Kysely, sql } from 'kysely';
import { CandidateLookup } from './candidates.js';
import type { DbContext } from './context.js';
import { indexQueuedItems } from './full-text-queue.js';
import type { Database } from './schema.js';

// Group commit for SQLite's single writer. A worker ingests many polls at once (WORKER_CONCURRENCY),
// but SQLite runs one write transaction at a time: the calls queue for the connection anyway. Instead
// of one transaction each, the calls queued while a transaction runs are written together in the next
// one, each inside its own SAVEPOINT: a call that fails is rolled back alone and gets its error, the
// others commit. One commit (and one FTS5 segment flush) then serves the whole group. A call never
// waits for company: the first one starts at once, and the group is whatever queued behind it.
//
// All groups share one CandidateLookup: the title words' and bands' posting lists it read stay valid
// from one group to the next as long as only the group changed items, which the item change counter
// (migration 002) tells; common title words are then read from the database once, not once per item.
//
// PostgreSQL keeps one transaction per call: its writers run in parallel, and a group would hold the
// locks of many polls at once, in an order two processes could deadlock on.

/** At most this many items are written in one group transaction (the rest wait for the next). */
export const MAX_GROUP_ITEMS = 2_000;

export type GroupedWork<T> = (trx: Kysely<Database>, lookup: CandidateLookup) => Promise<T>;

interface Queued {
  items: number;
  work: GroupedWork<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export interface IngestGroup {
  /** Runs `work` in the next group transaction; resolves once that transaction has committed. */
  run<T>(items: number, work: GroupedWork<T>): Promise<T>;
}

/** The item change counter (migration 002): changes by anyone, this group's own included. */
async function itemChanges(trx: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ count: number }>`SELECT count FROM item_changes WHERE id = 1`.execute(trx);
  return Number(rows[0]?.count ?? 0);
}

export function createIngestGroup(ctx: DbContext): IngestGroup {
  const queue: Queued[] = [];
  let writing = false;
  // Kept between group transactions: its posting lists hold while nobody else changes items.
  const lookup = new CandidateLookup(ctx.kysely, ctx.engine);
  /** The counter as the last group transaction committed it; null: unknown (lists not trusted). */
  let changesSeen: number | null = null;

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
    let changes: number | null = null;
    try {
      await ctx.transaction(async (trx) => {
        // Someone else changed items since the last group (another process, or this one outside
        // the group): the lists may be stale.
        if ((await itemChanges(trx)) !== changesSeen) lookup.forget();
        lookup.continueIn(trx);
        changesSeen = null; // until this transaction commits
        for (const call of group) {
          if (group.length === 1) {
            // Alone: its failure is the transaction's, as without grouping.
            outcomes.push({ ok: true, value: await call.work(trx, lookup) });
            continue;
          }
          await sql`SAVEPOINT ingest_call`.execute(trx);
          try {
            const value = await call.work(trx, lookup);
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
            // Its writes are gone; what the lookup and the vocabulary learnt of them must go too.
            lookup.forget();
            ctx.searchVocabulary?.forget();
            outcomes.push({ ok: false, error });
          }
        }
        // The group's new items enter the full-text index together (one FTS5 segment per group).
        await indexQueuedItems(trx, ctx.engine);
        changes = await itemChanges(trx);
      });
      changesSeen = changes;
    } catch (error) {
      lookup.forget();
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
    run<T>(items: number, work: GroupedWork<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ items, work, resolve: resolve as (value: unknown) => void, reject });
        if (!writing) void drain();
      });
    },
  };
}
