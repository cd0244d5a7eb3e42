import { type RawBuilder, sql } from 'kysely';
import type { Engine } from '../types.js';

// A list of values bound as ONE parameter, as a table `j` with one column `value`: the statement's text
// (and so its prepared statement) is the same whatever the list's length. With `IN (?, ?, …)` every
// length is a new statement to parse and plan, which on the ingest path cost more than running it.
// SQLite reads a JSON array (json_each), PostgreSQL an array parameter (unnest).

export type ValueListType = 'bigint' | 'integer' | 'text';

export function valueList(
  engine: Engine,
  values: readonly (string | number)[],
  type: ValueListType,
): RawBuilder<unknown> {
  return engine === 'sqlite'
    ? sql`json_each(${JSON.stringify(values)}) AS j`
    : sql`unnest(${values}::${sql.raw(type)}[]) AS j(value)`;
}

/**
 * A JSON list of integer pairs as a table `moves` with the two named columns (one bound parameter),
 * for statements that take (item, story) or (item, version) pairs.
 */
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
