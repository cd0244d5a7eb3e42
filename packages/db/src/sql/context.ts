import type { Kysely } from 'kysely';
import type { Database } from '../schema/schema.js';
import type { Engine } from '../types.js';

/** What every entity module gets: the engine, the query builder, and a write transaction that suits it. */
export interface DbContext {
  engine: Engine;
  kysely: Kysely<Database>;
  /**
   * Runs `work` in one write transaction (SQLite: BEGIN IMMEDIATE, the write lock taken up front), rolled
   * back if it throws. Inside `work`, use only the `trx` it is given.
   */
  transaction<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
}
