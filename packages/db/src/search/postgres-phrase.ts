import { type RawBuilder, sql } from 'kysely';
import type { SearchTerm } from './query.js';

// PostgreSQL phrases: GIN has no positions, so the word index alone finds every row holding a
// phrase's words, each then checked for positions (its whole tsvector read from TOAST): a rare
// phrase of common words tested a fifth of the table. Migration 032 indexes each row's adjacent word
// pairs hashed into a few thousand buckets (nf_pair_buckets): a phrase asks for its pairs' buckets,
// which leaves the rows holding its pairs and a few that share the buckets by chance, and positions
// are checked on those only. Few distinct keys keep the index's insert pages few and cached: exact
// pairs (migration 007) made every insert touch ~200 random pages of a 1 GB index.

/**
 * The condition on the pair-bucket index of the query's phrases (but a prefix's last word, which is
 * matched by prefix), or null without a phrase of two words.
 */
export function phraseBuckets(terms: SearchTerm[]): RawBuilder<unknown> | null {
  const pairs = new Map<string, [string, string]>();
  for (const term of terms) {
    if (term.exclude) continue;
    const tokens = term.prefix ? term.tokens.slice(0, -1) : term.tokens;
    for (let at = 1; at < tokens.length; at += 1) {
      pairs.set(`${tokens[at - 1]} ${tokens[at]}`, [tokens[at - 1]!, tokens[at]!]);
    }
  }
  if (pairs.size === 0) return null;
  // Constant arguments: the planner computes the buckets once, before it estimates and plans.
  const buckets = [...pairs.values()].map(([first, second]) => sql`nf_pair_bucket(${first}, ${second})`);
  return sql`nf_pair_buckets(items.search_vector) @> ARRAY[${sql.join(buckets)}]`;
}
