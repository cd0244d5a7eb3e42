import { sql } from 'kysely';
import type { DbContext } from '../sql/context.js';
import { compareHits, type RankedHit, roundRank, type SearchEngine, type WindowRequest } from './engine.js';
import { hasPhrase, phraseWindow } from './postgres-phrase.js';
import { toTsQuery } from './postgres-tsquery.js';
import { type WindowRow, wordWindow } from './postgres-word-window.js';

// PostgreSQL: a query's newest matches, ranked by ts_rank, whose weights make a title match (weight
// A) count more than a text match (B), newest first among equals. A phrase is found through its
// words' id ranges, each row holding them checked for their positions, down to a recency bound
// (postgres-phrase.ts); any other query from the word index by id range, or a common prefix by
// testing the newest rows (postgres-word-window.ts).

export function createPostgresSearch(ctx: DbContext): SearchEngine {
  return {
    async window({ terms, feedId }: WindowRequest): Promise<RankedHit[]> {
      if (!hasPhrase(terms)) return ranked(await wordWindow(ctx, terms, feedId));
      const tsquery = sql`to_tsquery('simple', ${toTsQuery(terms)})`;
      return ranked(await phraseWindow(ctx, terms, tsquery, feedId));
    },
  };
}

function ranked(rows: WindowRow[]): RankedHit[] {
  return rows.map((row) => ({ id: Number(row.id), rank: roundRank(Number(row.rank)) })).sort(compareHits);
}
