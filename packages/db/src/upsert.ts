import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { lockClusterKeys } from './cluster-locks.js';
import { DbInputError, DbNotFoundError } from './errors.js';
import { allocateIds } from './id-allocation.js';
import { insertRows } from './row-insert.js';
import type { Database } from './schema.js';
import type { SearchVocabulary } from './search-vocabulary.js';
import { simhashBands, titleTerms } from './signatures.js';
import type { MemberRow } from './story-summary.js';
import { toMillisOrNull } from './time.js';
import type { Engine, ItemInput, UpsertResult } from './types.js';

// The write half of ingest: a feed's items inserted (new keys), updated (changed input) or skipped
// (unchanged, tombstoned), inside the caller's transaction. `items.upsertMany` and `items.ingest` both
// run it; what it reports back (the stored rows, the previous signatures of edited items) is what
// story assignment needs without reading the rows again.

/** Keys per IN (…) list: far below both engines' bound-parameter limits. */
const KEY_CHUNK = 500;
/** Rows per multi-row INSERT: ~30 parameters per item, 3 per title word, far below both engines' limits. */
const ITEM_ROWS_PER_INSERT = 100;
const TERM_ROWS_PER_INSERT = 1_000;

/** The columns an input item sets, checked and converted; everything but the times that depend on the row. */
function inputColumns(input: ItemInput) {
  if (typeof input.key !== 'string' || input.key === '')
    throw new DbInputError('item key must be a non-empty string');
  if (typeof input.title !== 'string') throw new DbInputError(`item ${input.key}: title must be a string`);
  const [band0, band1, band2, band3] = simhashBands(input.simhash?.toLowerCase() ?? null);
  return {
    guid: input.guid,
    url: input.url,
    canonical_url: input.canonicalUrl,
    title: input.title,
    summary: input.summary,
    content_html: input.contentHtml,
    content_text: input.contentText,
    authors: JSON.stringify(input.authors ?? []),
    categories: JSON.stringify(input.categories ?? []),
    enclosures: JSON.stringify(input.enclosures ?? []),
    published_at: toMillisOrNull(input.publishedAt, `item ${input.key}: publishedAt`),
    updated_at: toMillisOrNull(input.updatedAt, `item ${input.key}: updatedAt`),
    language: input.language,
    image_url: input.imageUrl,
    comments_url: input.commentsUrl,
    wire: input.wire,
    word_count: Math.max(0, Math.trunc(input.wordCount || 0)),
    content_hash: input.contentHash,
    simhash: input.simhash?.toLowerCase() ?? null,
    band0: band0 ?? null,
    band1: band1 ?? null,
    band2: band2 ?? null,
    band3: band3 ?? null,
    input_hash: createHash('sha1').update(JSON.stringify(input)).digest('base64url'),
  };
}

type InputColumns = ReturnType<typeof inputColumns>;

/** Items sort (and expire) by publication time, but an item dated in the future sorts as first seen. */
function sortAt(publishedAt: number | null, firstSeenAt: number): number {
  return publishedAt === null ? firstSeenAt : Math.min(publishedAt, firstSeenAt);
}

interface ExistingRow {
  id: number;
  key: string;
  input_hash: string;
  first_seen_at: number;
  story_id: number | null;
  title: string;
  simhash: string | null;
}

/** A stored row whose input differs from `columns` (it will be updated). */
const isChanged = (row: ExistingRow | undefined, columns: InputColumns) =>
  row !== undefined && row.input_hash !== columns.input_hash;

export async function findExisting(
  db: Kysely<Database>,
  feedId: number,
  keys: string[],
): Promise<Map<string, ExistingRow>> {
  const found = new Map<string, ExistingRow>();
  for (let start = 0; start < keys.length; start += KEY_CHUNK) {
    const rows = await db
      .selectFrom('items')
      .select(['id', 'key', 'input_hash', 'first_seen_at', 'story_id', 'title', 'simhash'])
      .where('feed_id', '=', feedId)
      .where('key', 'in', keys.slice(start, start + KEY_CHUNK))
      .execute();
    for (const row of rows) found.set(row.key, row);
  }
  return found;
}

export async function findTombstoned(
  db: Kysely<Database>,
  feedId: number,
  keys: string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < keys.length; start += KEY_CHUNK) {
    const rows = await db
      .selectFrom('tombstones')
      .select('key')
      .where('feed_id', '=', feedId)
      .where('key', 'in', keys.slice(start, start + KEY_CHUNK))
      .execute();
    for (const row of rows) found.add(row.key);
  }
  return found;
}

/** Writes the title words of several items in as few statements as the parameter limits allow. */
async function writeTerms(
  trx: Kysely<Database>,
  engine: Engine,
  items: { itemId: number; title: string; firstSeenAt: number }[],
): Promise<void> {
  const rows = items.flatMap(({ itemId, title, firstSeenAt }) =>
    titleTerms(title).map((term) => [term, firstSeenAt, itemId]),
  );
  await insertRows(trx, engine, 'item_terms', ['term', 'first_seen_at', 'item_id'], rows, {
    rowsPerStatement: TERM_ROWS_PER_INSERT,
    tail: 'ON CONFLICT DO NOTHING',
  });
}

/** The columns a new item is inserted with, in the order insertNew binds them. */
const NEW_ITEM_COLUMNS = [
  'id',
  'story_id',
  'feed_id',
  'key',
  'first_seen_at',
  'sort_at',
  ...(Object.keys(inputColumns({ key: 'k', title: '' } as ItemInput)) as (keyof InputColumns)[]),
] as const;

/**
 * Inserts new items with multi-row statements; returns the ids by key. ON CONFLICT: a key that a
 * concurrent writer inserted first is skipped and missing from the result.
 */
async function insertNew(
  trx: Kysely<Database>,
  engine: Engine,
  feedId: number,
  entries: { id: number; storyId: number | null; input: ItemInput; columns: InputColumns }[],
  now: number,
): Promise<Map<string, number>> {
  const rows = entries.map(({ id, storyId, input, columns }) => {
    const row: unknown[] = [id, storyId, feedId, input.key, now, sortAt(columns.published_at, now)];
    for (let index = row.length; index < NEW_ITEM_COLUMNS.length; index += 1)
      row.push(columns[NEW_ITEM_COLUMNS[index] as keyof InputColumns]);
    return row;
  });
  const inserted = await insertRows<{ id: number; key: string }>(
    trx,
    engine,
    'items',
    NEW_ITEM_COLUMNS,
    rows,
    {
      rowsPerStatement: ITEM_ROWS_PER_INSERT,
      tail: 'ON CONFLICT (feed_id, key) DO NOTHING RETURNING id, key',
    },
  );
  return new Map(inserted.map((row) => [row.key, Number(row.id)]));
}

/** A new or edited item as it is now stored: what story assignment compares and summarizes. */
export interface WrittenItem {
  /** The summary columns a story reads from its members. */
  member: MemberRow;
  contentText: string | null;
  simhash: string | null;
  publishedAt: number | null;
  /** Its story before this call (null for a new item or one never assigned). */
  storyId: number | null;
  /** For an edited item: its title and simhash before this call. */
  previous: { title: string; simhash: string | null } | null;
}

export interface UpsertOutcome {
  /** One per input item, in input order. */
  results: UpsertResult[];
  /** The new and edited items, by id. */
  written: Map<number, WrittenItem>;
  /** The stories of unchanged items, by item id. */
  storyOf: Map<number, number | null>;
  /** Stories one of whose items was edited: their summaries must be recomputed before commit. */
  storiesToRefresh: Set<number>;
}

function writtenItem(
  id: number,
  feedId: number,
  columns: InputColumns,
  firstSeenAt: number,
  before: ExistingRow | null,
): WrittenItem {
  return {
    member: {
      id,
      feed_id: feedId,
      title: columns.title,
      summary: columns.summary,
      image_url: columns.image_url,
      wire: columns.wire,
      language: columns.language,
      url: columns.url,
      canonical_url: columns.canonical_url,
      sort_at: sortAt(columns.published_at, firstSeenAt),
      first_seen_at: firstSeenAt,
      word_count: columns.word_count,
    },
    contentText: columns.content_text,
    simhash: columns.simhash,
    publishedAt: columns.published_at,
    storyId: before?.story_id ?? null,
    previous: before ? { title: before.title, simhash: before.simhash } : null,
  };
}

/**
 * Decides the stories of a call's new items before they are written (items.ingest): the items as
 * they will be stored, with their ids; returns each one's story, which must exist by then.
 */
export type AssignNewItems = (items: [number, WrittenItem][]) => Promise<Map<number, number>>;

/**
 * Inserts new keys, updates changed ones and skips tombstoned ones, inside `trx`. Does not refresh
 * story summaries: the caller does, once, for `storiesToRefresh` and whatever else it changed.
 * With `assignNew`, new items are inserted in the stories it picks; otherwise in none.
 */
export async function upsertInTransaction(
  trx: Kysely<Database>,
  engine: Engine,
  feedId: number,
  inputs: ItemInput[],
  now: number,
  vocabulary?: SearchVocabulary,
  assignNew?: AssignNewItems,
): Promise<UpsertOutcome> {
  const prepared = inputs.map((input) => ({ input, columns: inputColumns(input) }));
  const outcome: UpsertOutcome = {
    results: [],
    written: new Map(),
    storyOf: new Map(),
    storiesToRefresh: new Set(),
  };
  if (inputs.length === 0) return outcome;
  const feed = await trx.selectFrom('feeds').select('id').where('id', '=', feedId).executeTakeFirst();
  if (!feed) throw new DbNotFoundError('feed', feedId);
  const keys = [...new Set(inputs.map((input) => input.key))];
  const existing = await findExisting(trx, feedId, keys);
  const tombstoned = await findTombstoned(trx, feedId, keys);
  // The stored state of each key before this call, for reporting what an edit changed.
  const before = new Map(existing);

  const update = async (row: ExistingRow, columns: InputColumns) => {
    await trx
      .updateTable('items')
      .set({ ...columns, sort_at: sortAt(columns.published_at, row.first_seen_at) })
      .where('id', '=', row.id)
      .execute();
    await vocabulary?.add(trx, [columns.title, columns.content_text]);
    if (row.title !== columns.title) {
      await trx.deleteFrom('item_terms').where('item_id', '=', row.id).execute();
      await writeTerms(trx, engine, [
        { itemId: row.id, title: columns.title, firstSeenAt: row.first_seen_at },
      ]);
    }
    if (row.story_id !== null) outcome.storiesToRefresh.add(row.story_id);
    const earlier = outcome.written.get(row.id);
    const written = writtenItem(row.id, feedId, columns, row.first_seen_at, before.get(row.key) ?? null);
    // A key repeated in one call: the edit is measured against the row as it was before the call.
    outcome.written.set(row.id, earlier ? { ...written, previous: earlier.previous } : written);
    existing.set(row.key, {
      ...row,
      input_hash: columns.input_hash,
      title: columns.title,
      simhash: columns.simhash,
    });
  };

  // Keys neither stored nor tombstoned are inserted together (their first occurrence; a repeated
  // key in the same batch then updates the row like any stored one).
  const fresh = new Map<string, { input: ItemInput; columns: InputColumns }>();
  for (const entry of prepared) {
    const { key } = entry.input;
    if (!existing.has(key) && !tombstoned.has(key) && !fresh.has(key)) fresh.set(key, entry);
  }
  if (assignNew) {
    // The new and changed items are clustered next: concurrent PostgreSQL transactions clustering
    // items that share index keys must take turns (cluster-locks.ts).
    await lockClusterKeys(
      trx,
      engine,
      prepared
        .filter(({ input, columns }) => fresh.has(input.key) || isChanged(existing.get(input.key), columns))
        .map(({ columns }) => columns),
    );
  }
  const ids = await allocateIds(trx, engine, 'items', fresh.size);
  const entries = [...fresh.values()].map((entry, index) => ({ ...entry, id: ids[index]! }));
  let stories = new Map<number, number>();
  if (assignNew) {
    // A key repeated in this call is clustered as its last occurrence leaves it (the repeats update
    // the row below, as they update any stored row).
    const lastColumns = new Map(prepared.map(({ input, columns }) => [input.key, columns]));
    stories = await assignNew(
      entries.map(({ id, input }) => [id, writtenItem(id, feedId, lastColumns.get(input.key)!, now, null)]),
    );
  }
  const insertedIds = await insertNew(
    trx,
    engine,
    feedId,
    entries.map((entry) => ({ ...entry, storyId: stories.get(entry.id) ?? null })),
    now,
  );
  await vocabulary?.add(
    trx,
    [...fresh.values()].flatMap(({ columns }) => [columns.title, columns.content_text]),
  );
  const newRows: ExistingRow[] = [];
  for (const { id, input, columns } of entries) {
    const storyId = stories.get(id) ?? null;
    if (insertedIds.get(input.key) !== id) {
      // Skipped by ON CONFLICT (a concurrent writer inserted the key first): a story made for it
      // alone is empty, one it joined lost nothing; refreshing settles both.
      if (storyId !== null) outcome.storiesToRefresh.add(storyId);
      continue;
    }
    const { input_hash, title, simhash } = columns;
    newRows.push({ id, key: input.key, input_hash, first_seen_at: now, story_id: storyId, title, simhash });
    outcome.written.set(id, { ...writtenItem(id, feedId, columns, now, null), storyId });
  }
  await writeTerms(
    trx,
    engine,
    newRows.map((row) => ({ itemId: row.id, title: row.title, firstSeenAt: now })),
  );
  for (const row of newRows) existing.set(row.key, row);
  const unreported = new Set(insertedIds.keys());

  for (const { input, columns } of prepared) {
    const { results } = outcome;
    if (tombstoned.has(input.key)) {
      results.push({ key: input.key, id: null, status: 'tombstoned' });
      continue;
    }
    if (unreported.delete(input.key)) {
      results.push({ key: input.key, id: insertedIds.get(input.key) ?? null, status: 'new' });
      continue;
    }
    let row = existing.get(input.key);
    if (!row) {
      // Skipped by ON CONFLICT: a concurrent writer inserted this key after findExisting.
      row = (await findExisting(trx, feedId, [input.key])).get(input.key);
      if (!row) throw new DbNotFoundError(`item of feed ${feedId} with key`, input.key);
      before.set(row.key, row);
    }
    if (!isChanged(row, columns)) {
      results.push({ key: input.key, id: row.id, status: 'unchanged' });
      if (!outcome.written.has(row.id)) outcome.storyOf.set(row.id, row.story_id);
      continue;
    }
    await update(row, columns);
    results.push({ key: input.key, id: row.id, status: 'updated' });
  }
  return outcome;
}
