import { type Kysely, type RawBuilder, sql } from 'kysely';
import { HitCounter } from './hit-counter.js';
import type { Database } from './schema.js';
import { SIMHASH_BANDS, simhashBands, titleTerms } from './signatures.js';
import { toIso, toIsoOrNull, toMillis } from './time.js';
import type { CandidateQuery, Engine, StoryCandidate } from './types.js';
import { valueList } from './value-list.js';

// Finding an incoming item's candidate stories without scanning: index ranges on its simhash bands
// and title words, newest first within the clustering window, each bounded. Simhash matches rank
// first (newest first), then the items sharing the most title words.
//
// A CandidateLookup remembers what it read: each title word's and band value's recent items (a
// posting list) and the candidates' rows. A poll's items share many title words, and a group of polls
// ingested together (ingest-group.ts) shares more: the most common words are then read once per
// transaction instead of once per item. What the transaction itself writes is told to the lookup
// (`added`, `movedTo`), so its answers stay exactly what the database holds; an edit it is not told
// about must `forget` everything. Kept from one transaction to the next (continueIn, when nobody else
// wrote in between), it also holds the rows of the items it was told about: the newest items, which
// are most new items' candidates, are then never read back (at 1M items, reading candidates' rows was
// the costliest statement of the ingest path after COMMIT).

export const DEFAULT_CANDIDATE_LIMIT = 50;
/** Most recent items read per simhash band value or title word when looking for candidates. */
export const MATCHES_PER_KEY = 200;
/**
 * Posting lists a CandidateLookup keeps (least recently used dropped first): at most ~200 postings
 * each, most far fewer, so a few tens of MB at worst.
 */
export const MAX_CACHED_LISTS = 20_000;
/**
 * Candidate rows a CandidateLookup keeps between transactions (oldest dropped first), and the most
 * text they may hold together, in characters: with ~5,000-character articles, about 100 MB at most.
 */
export const MAX_CACHED_ROWS = 20_000;
export const MAX_CACHED_ROW_CHARS = 50_000_000;

/** How many candidate rows a lookup keeps between transactions, and how much text they may hold. */
export interface RowBounds {
  maxRows: number;
  maxRowChars: number;
}

interface CandidateRow {
  id: number;
  story_id: number | null;
  feed_id: number;
  title: string;
  content_text: string | null;
  simhash: string | null;
  published_at: number | null;
  first_seen_at: number;
}

/** A new item as the transaction wrote it: everything a candidate needs but its story (none yet). */
export type AddedItem = Omit<CandidateRow, 'story_id'>;

/** One item holding a key, in the index's order: newest first, then highest id. */
interface Posting {
  id: number;
  firstSeenAt: number;
}

interface PostingList {
  /** The list holds every posting first seen at or after this time, up to MATCHES_PER_KEY of them. */
  since: number;
  /** Fewer than MATCHES_PER_KEY were found: an earlier `since` could find more. */
  short: boolean;
  /** The last transaction (CandidateLookup.transaction) that used it. */
  usedIn?: number;
  postings: Posting[];
}

/** A key of the candidate index: a title word, or a band number with its value; `name` names its list. */
type Key = ({ kind: 'term'; term: string } | { kind: 'band'; band: number; value: number }) & {
  name: string;
};

const termKey = (term: string): Key => ({ kind: 'term', term, name: `t:${term}` });
const bandKey = (band: number, value: number): Key => ({
  kind: 'band',
  band,
  value,
  name: `b${band}:${value}`,
});

const newerFirst = (a: Posting, b: Posting) => b.firstSeenAt - a.firstSeenAt || b.id - a.id;

/** What a candidate is read with. */
const CANDIDATE_COLUMNS = [
  'id',
  'story_id',
  'feed_id',
  'title',
  'content_text',
  'simhash',
  'published_at',
  'first_seen_at',
] as const;

function toCandidate(row: CandidateRow & { story_id: number }): StoryCandidate {
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

/** What a cached row costs in memory, roughly: its text. */
const rowChars = (row: CandidateRow) => row.title.length + (row.content_text?.length ?? 0);

/** How many of the list's postings a lookup since `since` reads: its newest MATCHES_PER_KEY at or after it. */
function recentCount(list: PostingList, since: number): number {
  const { postings } = list;
  // Newest first: the postings at or after `since` are a prefix, found by bisection.
  let low = 0;
  let high = Math.min(postings.length, MATCHES_PER_KEY);
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (postings[middle]!.firstSeenAt >= since) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The index keys a query looks up: its simhash bands and its title words. */
function keysOf(query: Pick<CandidateQuery, 'simhash' | 'titleTerms'>): { bands: Key[]; terms: Key[] } {
  return {
    bands: simhashBands(query.simhash?.toLowerCase() ?? null).flatMap((value, band): Key[] =>
      value === null ? [] : [bandKey(band, value)],
    ),
    terms: [...new Set(query.titleTerms.flatMap((term) => titleTerms(term)))].map(termKey),
  };
}

/**
 * The names of the index keys an item is looked up by and listed under (bands and title words):
 * two items can be each other's candidates only if they share one.
 */
export function candidateKeyNames(item: { title: string; simhash: string | null }): string[] {
  const { bands, terms } = keysOf({ simhash: item.simhash, titleTerms: [item.title] });
  return [...bands, ...terms].map((key) => key.name);
}

export class CandidateLookup {
  /** Posting lists by key, least recently used first (see MAX_CACHED_LISTS). */
  private readonly lists = new Map<string, PostingList>();
  /** Candidates' rows, oldest first (see MAX_CACHED_ROWS); their stories follow `movedTo`. */
  private readonly rows = new Map<number, CandidateRow>();
  /** The text characters the rows hold (see MAX_CACHED_ROW_CHARS). */
  private rowChars = 0;
  /** The candidates made of those rows, made once per row and story (reused by every item of a group). */
  private readonly candidates = new Map<number, StoryCandidate>();
  /** Each query's keys, computed once for its prefetch and its find. */
  private readonly queryKeys = new WeakMap<object, { bands: Key[]; terms: Key[] }>();
  private readonly hits = new HitCounter();
  /** Counts the transactions this lookup has served (see `list`). */
  private transaction = 0;

  constructor(
    private db: Kysely<Database>,
    private readonly engine: Engine,
    private readonly bounds: RowBounds = { maxRows: MAX_CACHED_ROWS, maxRowChars: MAX_CACHED_ROW_CHARS },
  ) {}

  /** The candidate rows held now. */
  get heldRows(): number {
    return this.rows.size;
  }

  /**
   * Starts using the lookup in another transaction: the posting lists and rows it holds stay (the
   * caller has made sure nothing but this lookup's own transactions changed items since).
   */
  continueIn(db: Kysely<Database>): void {
    this.db = db;
    this.transaction += 1;
    this.dropOldRows();
  }

  private keepRow(row: CandidateRow): void {
    const earlier = this.rows.get(row.id);
    if (earlier) this.rowChars -= rowChars(earlier);
    this.rows.set(row.id, row);
    this.rowChars += rowChars(row);
  }

  /**
   * Drops the oldest rows beyond the bounds; only between transactions, so that within one the rows
   * of its own new items, which are not written yet, can never be lost.
   */
  private dropOldRows(): void {
    const { maxRows, maxRowChars } = this.bounds;
    while (this.rows.size > maxRows || this.rowChars > maxRowChars) {
      const [oldestId, oldest] = this.rows.entries().next().value as [number, CandidateRow];
      this.rows.delete(oldestId);
      this.candidates.delete(oldestId);
      this.rowChars -= rowChars(oldest);
    }
  }

  private keysOf(query: CandidateQuery): { bands: Key[]; terms: Key[] } {
    let keys = this.queryKeys.get(query);
    if (!keys) {
      keys = keysOf(query);
      this.queryKeys.set(query, keys);
    }
    return keys;
  }

  /** Items in a story that share a simhash band or title words with the query, most alike first. */
  async find(query: CandidateQuery): Promise<StoryCandidate[]> {
    const limit = query.limit ?? DEFAULT_CANDIDATE_LIMIT;
    const since = toMillis(query.since, 'since');
    const { bands: bandKeys, terms: termKeys } = this.keysOf(query);
    await this.read([...bandKeys, ...termKeys], since);
    const bandSet = new Set<number>();
    for (const key of bandKeys) {
      const list = this.list(key);
      for (let index = recentCount(list, since) - 1; index >= 0; index -= 1)
        bandSet.add(list.postings[index]!.id);
    }
    const bandIds = [...bandSet].sort((a, b) => b - a).slice(0, limit);
    const { hits } = this;
    for (const key of termKeys) {
      const list = this.list(key);
      for (let index = recentCount(list, since) - 1; index >= 0; index -= 1)
        hits.add(list.postings[index]!.id);
    }
    const termIds = hits.takeMost(limit);

    await this.readRows([...bandIds, ...termIds]);
    const seen = new Set<number>();
    const candidates: StoryCandidate[] = [];
    for (const id of [...bandIds, ...termIds]) {
      const row = this.rows.get(id);
      // A row gone since its posting was read, or not in a story yet (a later item of the same poll).
      if (!row || row.story_id === null || seen.has(id)) continue;
      seen.add(id);
      let candidate = this.candidates.get(id);
      if (!candidate) {
        candidate = toCandidate({ ...row, story_id: row.story_id });
        this.candidates.set(id, candidate);
      }
      candidates.push(candidate);
      if (candidates.length === limit) break;
    }
    return candidates;
  }

  /** A key's list, just read by `read`; marked as the most recently used. */
  private list(key: Key): PostingList {
    const { name } = key;
    const list = this.lists.get(name)!;
    // Moved to the recently used end once per transaction: enough for the bound, and a Map's
    // delete and set on every use of a common word cost more than the lookup itself.
    if (list.usedIn !== this.transaction) {
      list.usedIn = this.transaction;
      this.lists.delete(name);
      this.lists.set(name, list);
    }
    return list;
  }

  private remember(name: string, list: PostingList): void {
    this.lists.delete(name);
    this.lists.set(name, list);
    if (this.lists.size > MAX_CACHED_LISTS) this.lists.delete(this.lists.keys().next().value as string);
  }

  /**
   * A new item this transaction inserted, with its own candidate query (its simhash and title: the
   * title words and bands it is now listed under).
   */
  added(item: AddedItem, query: CandidateQuery): void {
    this.keepRow({ ...item, story_id: null });
    const posting = { id: item.id, firstSeenAt: item.first_seen_at };
    const { bands, terms } = this.keysOf(query);
    for (const key of [...bands, ...terms]) {
      const list = this.lists.get(key.name);
      if (!list || posting.firstSeenAt < list.since) continue;
      const at = list.postings.findIndex((other) => newerFirst(posting, other) < 0);
      list.postings.splice(at === -1 ? list.postings.length : at, 0, posting);
      // A complete list that reached MATCHES_PER_KEY holds the newest of any earlier `since` too.
      if (list.postings.length >= MATCHES_PER_KEY) list.short = false;
      // Beyond the newest MATCHES_PER_KEY, a full list's postings can never be read again.
      if (list.postings.length > 2 * MATCHES_PER_KEY) list.postings.length = MATCHES_PER_KEY;
    }
  }

  /** An item this transaction put in another story. */
  movedTo(itemId: number, storyId: number): void {
    const row = this.rows.get(itemId);
    if (row) row.story_id = storyId;
    this.candidates.delete(itemId);
  }

  /** Drops everything read: after a write the lookup cannot follow (an edit, a rolled-back savepoint). */
  forget(): void {
    this.lists.clear();
    this.rows.clear();
    this.rowChars = 0;
    this.candidates.clear();
  }

  /**
   * Reads the posting lists of several queries at once (one statement for a whole poll's items, which
   * share their `since`); `find` then reads nothing more for them but the candidates' rows.
   */
  async prefetch(queries: CandidateQuery[]): Promise<void> {
    const bySince = new Map<number, Key[]>();
    for (const query of queries) {
      const since = toMillis(query.since, 'since');
      const { bands, terms } = this.keysOf(query);
      const keys = bySince.get(since);
      if (keys) keys.push(...bands, ...terms);
      else bySince.set(since, [...bands, ...terms]);
    }
    for (const [since, keys] of bySince) await this.read(keys, since);
  }

  /**
   * Reads the posting lists not held yet (or held for a later `since` and short): one statement per
   * kind of key (title words, each band), each returning one row per key with its postings as
   * `id:firstSeenAt` pairs.
   */
  private async read(keys: Key[], since: number): Promise<void> {
    const names = new Set<string>();
    const missing = keys.filter((key) => {
      const { name } = key;
      const list = this.lists.get(name);
      if (names.has(name) || (list && !(list.short && since < list.since))) return false;
      names.add(name);
      return true;
    });
    const terms = missing.flatMap((key) => (key.kind === 'term' ? [key.term] : []));
    if (terms.length > 0) {
      const postings = sql`SELECT item_id AS id, first_seen_at FROM item_terms WHERE term = j.value
        AND first_seen_at >= ${since} ORDER BY first_seen_at DESC, item_id DESC LIMIT ${MATCHES_PER_KEY}`;
      await this.readLists(valueList(this.engine, terms, 'text'), postings, since, (term) =>
        termKey(String(term)),
      );
    }
    for (let band = 0; band < SIMHASH_BANDS; band += 1) {
      const values = missing.flatMap((key) => (key.kind === 'band' && key.band === band ? [key.value] : []));
      if (values.length === 0) continue;
      const postings = sql`SELECT id, first_seen_at FROM items WHERE ${sql.ref(`band${band}`)} = j.value
        AND first_seen_at >= ${since} ORDER BY first_seen_at DESC, id DESC LIMIT ${MATCHES_PER_KEY}`;
      await this.readLists(valueList(this.engine, values, 'integer'), postings, since, (value) =>
        bandKey(band, Number(value)),
      );
    }
  }

  private async readLists(
    keys: RawBuilder<unknown>,
    postings: RawBuilder<unknown>,
    since: number,
    toKey: (value: string | number) => Key,
  ): Promise<void> {
    const pair =
      this.engine === 'sqlite'
        ? sql`group_concat(p.id || ':' || p.first_seen_at, ',')`
        : sql`string_agg(p.id || ':' || p.first_seen_at, ',')`;
    const { rows } = await sql<{ value: string | number; postings: string | null }>`SELECT j.value AS value,
      (SELECT ${pair} FROM (${postings}) AS p) AS postings FROM ${keys}`.execute(this.db);
    for (const row of rows) {
      const found = (row.postings ? row.postings.split(',') : [])
        .map((posting) => {
          const [id, firstSeenAt] = posting.split(':');
          return { id: Number(id), firstSeenAt: Number(firstSeenAt) };
        })
        .sort(newerFirst);
      this.remember(toKey(row.value).name, {
        since,
        short: found.length < MATCHES_PER_KEY,
        postings: found,
      });
    }
  }

  private async readRows(ids: number[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.rows.has(id));
    if (missing.length === 0) return;
    const { rows } =
      await sql<CandidateRow>`SELECT ${sql.join(CANDIDATE_COLUMNS.map((column) => sql.ref(`items.${column}`)))}
      FROM ${valueList(this.engine, missing, 'bigint')} JOIN items ON items.id = j.value`.execute(this.db);
    for (const row of rows) {
      row.id = Number(row.id); // a bigint arrives as a string from PostgreSQL
      this.keepRow(row);
    }
  }
}

/** Items in a story that share a simhash band or title words with the query, most alike first. */
export function findCandidates(
  db: Kysely<Database>,
  engine: Engine,
  query: CandidateQuery,
): Promise<StoryCandidate[]> {
  return new CandidateLookup(db, engine).find(query);
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
    .select(CANDIDATE_COLUMNS)
    .where('story_id', '=', storyId)
    .where('id', '<>', exceptItemId)
    .orderBy('sort_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => toCandidate({ ...row, story_id: storyId }));
}
