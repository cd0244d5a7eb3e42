import { type RawBuilder, sql } from 'kysely';
import type { Engine } from '../types.js';

// Ids bound as ONE parameter, as a table `j` with one column `value`: the statement's text (and so its
// prepared statement) is the same whatever the list's length, where every length of `IN (?, ?, …)` is
// a new statement to parse and plan. SQLite reads a JSON array (json_each), PostgreSQL a bigint[].

export function valueList(engine: Engine, ids: readonly number[]): RawBuilder<unknown> {
  return engine === 'sqlite'
    ? sql`json_each(${JSON.stringify(ids)}) AS j`
    : sql`unnest(${ids}::bigint[]) AS j(value)`;
}

/** `IN` the ids, bound as one parameter (valueList). */
export function inIds(engine: Engine, ids: readonly number[]): RawBuilder<unknown> {
  return sql`IN (SELECT j.value FROM ${valueList(engine, ids)})`;
}

/** Integer pairs as a table `moves` with the two named columns, bound as one JSON parameter. */
export function pairList(
  engine: Engine,
  pairs: readonly (readonly [number, number])[],
  first: string,
  second: string,
) {
  const json = JSON.stringify(pairs);
  return engine === 'sqlite'
    ? sql`(SELECT j.value ->> 0 AS ${sql.ref(first)}, j.value ->> 1 AS ${sql.ref(second)}
        FROM json_each(${json}) AS j) AS moves`
    : sql`(SELECT (j.pair ->> 0)::bigint AS ${sql.ref(first)}, (j.pair ->> 1)::bigint AS ${sql.ref(second)}
        FROM jsonb_array_elements(${json}::jsonb) AS j(pair)) AS moves`;
}
