import type { DbContext } from '../sql/context.js';
import { compareHits, type RankedHit, roundRank, type SearchEngine, type WindowRequest } from './engine.js';
import { phraseWindowCall } from './postgres-phrase.js';
import { wordWindowCall } from './postgres-word-window.js';

// PostgreSQL: a query's newest matches, ranked by ts_rank, whose weights make a title match (weight
// A) count more than a text match (B), newest first among equals. A phrase is found through its
// words' id ranges, each row holding them checked for their positions, down to a recency bound
// (postgres-phrase.ts); any other query from the word index by id range, or a common prefix by
// testing the newest rows (postgres-word-window.ts).

export function createPostgresSearch(ctx: DbContext): SearchEngine {
  return {
    async window({ terms, feedId }: WindowRequest): Promise<RankedHit[]> {
      const phrase = terms.some((term) => !term.exclude && term.tokens.length > 1);
      const call = phrase ? phraseWindowCall(terms, feedId) : wordWindowCall(terms, feedId);
      const { rows } = await call.execute(ctx.kysely);
      return rows.map((row) => ({ id: Number(row.id), rank: roundRank(Number(row.rank)) })).sort(compareHits);
    },
  };
}
