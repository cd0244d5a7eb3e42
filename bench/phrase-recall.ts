// PostgreSQL phrase recall: for the first phrase queries of bench/db.ts's mix, how many matches each
// copy of the database layer's source puts in a query's window (at most SEARCH_WINDOW), and with
// --exhaustive how many there are up to that many (every row holding the words checked: slow).
//
//   npx tsx bench/phrase-recall.ts --db postgres://postgres@127.0.0.1:5432/NAME --src packages/db/src \
//                                  [--src /work/main/packages/db/src] [--phrases 20] [--exhaustive]
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { NewsfeedDb } from '@newsfeed/db';
import pg from 'pg';
import { searchQuery } from './lib/search-queries.js';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    src: { type: 'string', multiple: true },
    phrases: { type: 'string', default: '20' },
    exhaustive: { type: 'boolean', default: false },
  },
});
if (!args.db || !args.src?.length)
  throw new Error('usage: bench/phrase-recall.ts --db URL --src DIR [--src DIR]');

interface Source {
  createDb(url: string, options: { migrate: boolean; poolSize: number }): Promise<NewsfeedDb>;
}
interface PostgresSearch {
  createPostgresSearch(ctx: NewsfeedDb['context']): {
    window(request: { terms: unknown[] }): Promise<unknown[]>;
  };
}
interface TsQuery {
  toTsQuery(terms: unknown[]): string;
}
interface QueryParser {
  parseSearchQuery(query: string): unknown[];
}

const phrases: string[] = [];
for (let run = 0; phrases.length < Number(args.phrases); run += 1) {
  const { kind, query } = searchQuery(run);
  if (kind === 'phrase') phrases.push(query);
}

const load = <T>(src: string, file: string) => import(path.resolve(src, file)) as Promise<T>;
const counts: Record<string, number[]> = {};
for (const src of args.src) {
  const db = await (await load<Source>(src, 'index.ts')).createDb(args.db, { migrate: false, poolSize: 1 });
  const { createPostgresSearch } = await load<PostgresSearch>(src, 'search/postgres.ts');
  const { parseSearchQuery } = await load<QueryParser>(src, 'search/query.ts');
  const engine = createPostgresSearch(db.context);
  counts[src] = [];
  for (const query of phrases)
    counts[src].push((await engine.window({ terms: parseSearchQuery(query) })).length);
  await db.close();
}
if (args.exhaustive) {
  const src = args.src[0]!;
  const { toTsQuery } = await load<TsQuery>(src, 'search/postgres-tsquery.ts');
  const { parseSearchQuery } = await load<QueryParser>(src, 'search/query.ts');
  const { SEARCH_WINDOW } = await load<{ SEARCH_WINDOW: number }>(src, 'search/engine.ts');
  const client = new pg.Client({ connectionString: args.db });
  await client.connect();
  counts.exhaustive = [];
  for (const query of phrases) {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM items WHERE search_vector @@ to_tsquery('simple', $1)
        LIMIT $2) AS m`,
      [toTsQuery(parseSearchQuery(query)), SEARCH_WINDOW],
    );
    counts.exhaustive.push(Number(rows[0]!.n));
  }
  await client.end();
}
const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
console.log(
  JSON.stringify(
    {
      phrases: phrases.map((query, index) => ({
        query,
        ...Object.fromEntries(Object.entries(counts).map(([name, values]) => [name, values[index]])),
      })),
      totals: Object.fromEntries(Object.entries(counts).map(([name, values]) => [name, total(values)])),
    },
    null,
    2,
  ),
);
