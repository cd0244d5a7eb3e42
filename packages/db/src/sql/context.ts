import type { Kysely } from 'kysely';
import type { Database } from '../schema/schema.js';
import type { Engine } from '../types.js';

/** What every entity module gets: the engine, the query builder, and a write transaction that suits it. */
export interface DbContext {
  engine: Engine;
  kysely: Kysely<Database>;
  /** Runs `work` in a write transaction (SQLite: BEGIN IMMEDIATE), undone if it throws; use only its trx. */
  transaction<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
}
