import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';
import { simhashBands, titleTerms } from './signatures.js';
import { toIso, toIsoOrNull, toMillis } from './time.js';
import type { CandidateQuery, StoryCandidate } from './types.js';

// Finding an incoming item's candidate stories without scanning: index ranges on its simhash bands
// and title words, newest first within the clustering window, each bounded.

export const DEFAULT_CANDIDATE_LIMIT = 50;
/** Most recent items read per simhash band value or title word when looking for candidates. */
export const MATCHES_PER_KEY = 200;

interface CandidateRow {
  id: number;
  story_id: number;
  feed_id: number;
  title: string;
  content_text: string | null;
  simhash: string | null;
  published_at: number | null;
  first_seen_at: number;
}

function toCandidate(row: CandidateRow): StoryCandidate {
  return {
    storyId: row.story_id,
    itemId: row.id,
    feedId: row.feed_id,
    title: row.title,
    contentText: row.content_text,
    simhash: row.simhash,
    publishedAt: toIsoOrNull(row.published_at),
    firstSeenAt: toIso(row.first_seen_at),
  };
}

/** Items in a story that share a simhash band or title words with the query, most alike first. */
export async function findCandidates(db: Kysely<Database>, query: CandidateQuery): Promise<StoryCandidate[]> {
  const limit = query.limit ?? DEFAULT_CANDIDATE_LIMIT;
  const since = toMillis(query.since, 'since');
  const bands = simhashBands(query.simhash?.toLowerCase() ?? null);
  const terms = [...new Set(query.titleTerms.flatMap((term) => titleTerms(term)))];
  // Each lookup is one index range (a band value or a title word, newest first within the time
  // window) and bounded: a value shared by thousands of recent items says little about any of them.
  const bandLookups = bands.flatMap((value, band) =>
    value === null
      ? []
      : [
          sql`SELECT id FROM (SELECT id FROM items WHERE ${sql.ref(`band${band}`)} = ${value}
            AND first_seen_at >= ${since} ORDER BY first_seen_at DESC LIMIT ${MATCHES_PER_KEY}) AS b${sql.raw(String(band))}`,
        ],
  );
  const termLookups = terms.map(
    (term, index) =>
      sql`SELECT item_id FROM (SELECT item_id FROM item_terms WHERE term = ${term} AND first_seen_at >= ${since}
        ORDER BY first_seen_at DESC LIMIT ${MATCHES_PER_KEY}) AS t${sql.raw(String(index))}`,
  );
  // Simhash matches rank first (newest first), then the items sharing the most title words. Both
  // lists and the candidates' rows come back in one statement, ordered here by list, shared words, newest id.
  const lists = [];
  if (bandLookups.length > 0) {
    lists.push(sql`SELECT id, 0 AS list, 0 AS hits FROM (SELECT id FROM (${sql.join(bandLookups, sql` UNION `)})
      AS band_union ORDER BY id DESC LIMIT ${limit}) AS band_match`);
  }
  if (termLookups.length > 0) {
    lists.push(sql`SELECT item_id AS id, 1 AS list, hits FROM (
      SELECT item_id, count(*) AS hits FROM (${sql.join(termLookups, sql` UNION ALL `)}) AS term_union
      GROUP BY item_id ORDER BY count(*) DESC, item_id DESC LIMIT ${limit}) AS term_match`);
  }
  if (lists.length === 0) return [];
  const { rows } = await sql<CandidateRow & { list: number; hits: number }>`SELECT items.id, items.story_id,
      items.feed_id, items.title, items.content_text, items.simhash, items.published_at, items.first_seen_at,
      matches.list, matches.hits
    FROM (${sql.join(lists, sql` UNION ALL `)}) AS matches JOIN items ON items.id = matches.id
    WHERE items.story_id IS NOT NULL`.execute(db);
  const seen = new Set<number>();
  return rows
    .sort((a, b) => Number(a.list) - Number(b.list) || Number(b.hits) - Number(a.hits) || b.id - a.id)
    .filter((row) => !seen.has(row.id) && seen.add(row.id))
    .slice(0, limit)
    .map(toCandidate);
}

/** The other members of a story as candidates (its most recent `limit`), to check an edited item against. */
export async function storyMembers(
  db: Kysely<Database>,
  storyId: number,
  exceptItemId: number,
  limit: number,
): Promise<StoryCandidate[]> {
  const rows = await db
    .selectFrom('items')
    .select([
      'id',
      'story_id',
      'feed_id',
      'title',
      'content_text',
      'simhash',
      'published_at',
      'first_seen_at',
    ])
    .where('story_id', '=', storyId)
    .where('id', '<>', exceptItemId)
    .orderBy('sort_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => toCandidate({ ...row, story_id: storyId }));
}
