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
