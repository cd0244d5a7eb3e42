import { sql } from 'kysely';
import type { NewsfeedDb } from '../../src/create-db.js';

// For PostgreSQL tests that hold one transaction open and check that another one waits for it.

/**
 * Connections to this database that wait for a lock, optionally only those running a statement
 * whose text contains `statementPart` (other tests' schemas share the database).
 */
export async function lockWaiters(db: NewsfeedDb, statementPart = ''): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM pg_stat_activity
    WHERE wait_event_type = 'Lock' AND datname = current_database()
      AND strpos(query, ${statementPart}) > 0`.execute(db.context.kysely);
  return Number(rows[0]!.n);
}

/** Polls `condition` every 20 ms until it holds; throws after `timeoutMs`. */
export async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
