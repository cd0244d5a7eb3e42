import type { DbContext } from '../sql/context.js';
import { compareHits, type RankedHit, roundRank, type SearchEngine, type WindowRequest } from './engine.js';
import { hasPhrase, phraseWindowCall } from './postgres-phrase.js';
import { wordWindowCall } from './postgres-word-window.js';

// PostgreSQL: a query's newest matches, ranked by ts_rank (a title match, weight A, above a text match,
// B): a phrase's by postgres-phrase.ts, any other query's by postgres-word-window.ts.

export function createPostgresSearch(ctx: DbContext): SearchEngine {
  return {
    async window({ terms, feedId }: WindowRequest): Promise<RankedHit[]> {
      const call = hasPhrase(terms) ? phraseWindowCall(terms, feedId) : wordWindowCall(terms, feedId);
      const { rows } = await call.execute(ctx.kysely);
      return rows.map((row) => ({ id: Number(row.id), rank: roundRank(Number(row.rank)) })).sort(compareHits);
    },
  };
}
