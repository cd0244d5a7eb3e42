import { createHash } from 'node:crypto';
import { CompiledQuery, type Kysely, type Selectable } from 'kysely';
import { DbInputError, DbNotFoundError } from '../errors.js';
import type { Database, ItemsTable } from '../schema/schema.js';
import { batches } from '../sql/batches.js';
import { toMillisOrNull } from '../sql/time.js';
import { enqueueForClustering } from '../stories/cluster-queue.js';
import type { Engine, ItemInput, UpsertResult } from '../types.js';

// One poll's write in the caller's transaction, the items written queued for the clusterer with
// them. Stories are the clusterer's alone, so concurrent polls share no rows but their own items.

/** Keys per IN (…) list: far below both engines' bound-parameter limits. */
const KEY_CHUNK = 500;
/** Rows per multi-row INSERT: ~30 parameters per item, far below both engines' limits. */
const ITEM_ROWS_PER_INSERT = 100;
const SIMHASH_PATTERN = /^[0-9a-f]{16}$/i;

function checkedSimhash(input: ItemInput): string | null {
  if (input.simhash === null || input.simhash === undefined) return null;
  if (!SIMHASH_PATTERN.test(input.simhash)) {
    throw new DbInputError(
      `item ${input.key}: simhash must be 16 hex digits, got ${JSON.stringify(String(input.simhash).slice(0, 40))}`,
    );
  }
  return input.simhash.toLowerCase();
}

/** The columns an input item sets, checked and converted; everything but the times that depend on the row. */
function inputColumns(input: ItemInput) {
  if (typeof input.key !== 'string' || input.key === '')
    throw new DbInputError('item key must be a non-empty string');
  if (typeof input.title !== 'string') throw new DbInputError(`item ${input.key}: title must be a string`);
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
    simhash: checkedSimhash(input),
    input_hash: createHash('sha1').update(JSON.stringify(input)).digest('base64url'),
  };
}

type InputColumns = ReturnType<typeof inputColumns>;

/** Items sort (and expire) by publication time, but an item dated in the future sorts as first seen. */
function sortAt(publishedAt: number | null, firstSeenAt: number): number {
  return publishedAt === null ? firstSeenAt : Math.min(publishedAt, firstSeenAt);
}

type ExistingRow = Pick<Selectable<ItemsTable>, 'id' | 'key' | 'input_hash' | 'first_seen_at'>;

export async function findExisting(db: Kysely<Database>, feedId: number, keys: string[]) {
  const found = new Map<string, ExistingRow>();
  for (const batch of batches(keys, KEY_CHUNK)) {
    const rows = await db
      .selectFrom('items')
      .select(['id', 'key', 'input_hash', 'first_seen_at'])
      .where('feed_id', '=', feedId)
      .where('key', 'in', batch)
      .execute();
    for (const row of rows) found.set(row.key, row);
  }
  return found;
}

export async function findTombstoned(db: Kysely<Database>, feedId: number, keys: string[]) {
  const found = new Set<string>();
  for (const batch of batches(keys, KEY_CHUNK)) {
    const rows = await db
      .selectFrom('tombstones')
      .select('key')
      .where('feed_id', '=', feedId)
      .where('key', 'in', batch)
      .execute();
    for (const row of rows) found.add(row.key);
  }
  return found;
}

/** The columns a new item is inserted with, in the order insertNew binds them. */
const NEW_ITEM_COLUMNS = [
  'feed_id',
  'key',
  'first_seen_at',
  'sort_at',
  ...(Object.keys(inputColumns({ key: 'k', title: '' } as ItemInput)) as (keyof InputColumns)[]),
] as const;

/**
 * The multi-row INSERT of new items, by engine and row count, each text built once (Kysely's
 * `.values([...])` cost more than the insert).
 */
const insertTexts = new Map<string, string>();

function insertText(engine: Engine, rows: number): string {
  const key = `${engine}|${rows}`;
  let text = insertTexts.get(key);
  if (text === undefined) {
    // SQLite numbers `?` itself; PostgreSQL's placeholders are $1, $2… across the whole statement.
    const width = NEW_ITEM_COLUMNS.length;
    const tuple = (row: number) =>
      `(${NEW_ITEM_COLUMNS.map((_, column) => (engine === 'sqlite' ? '?' : `$${row * width + column + 1}`)).join(', ')})`;
    const values = Array.from({ length: rows }, (_, row) => tuple(row)).join(', ');
    text =
      `INSERT INTO items (${NEW_ITEM_COLUMNS.join(', ')}) VALUES ${values}` +
      ' ON CONFLICT (feed_id, key) DO NOTHING RETURNING id, key';
    insertTexts.set(key, text);
  }
  return text;
}

/** Inserts new items; the ids by key (without those a concurrent writer inserted first). */
async function insertNew(
  trx: Kysely<Database>,
  engine: Engine,
  feedId: number,
  entries: { input: ItemInput; columns: InputColumns }[],
  now: number,
): Promise<Map<string, number>> {
  const rows = entries.map(({ input, columns }) => {
    const row: unknown[] = [feedId, input.key, now, sortAt(columns.published_at, now)];
    for (let index = row.length; index < NEW_ITEM_COLUMNS.length; index += 1)
      row.push(columns[NEW_ITEM_COLUMNS[index] as keyof InputColumns]);
    return row;
  });
  const ids = new Map<string, number>();
  for (const chunk of batches(rows, ITEM_ROWS_PER_INSERT)) {
    const query = CompiledQuery.raw(insertText(engine, chunk.length), chunk.flat());
    const { rows: inserted } = await trx.executeQuery<{ id: number; key: string }>(query);
    for (const row of inserted) ids.set(row.key, Number(row.id));
  }
  return ids;
}

/** Inserts new keys, updates changed ones and skips tombstoned ones; one result per input, in order. */
export async function ingestInTransaction(
  trx: Kysely<Database>,
  engine: Engine,
  feedId: number,
  inputs: ItemInput[],
  now: number,
): Promise<UpsertResult[]> {
  const prepared = inputs.map((input) => ({ input, columns: inputColumns(input) }));
  const results: UpsertResult[] = [];
  // The ids of the items this call inserted or changed: what the clusterer must look at.
  const written = new Set<number>();
  const feed = await trx.selectFrom('feeds').select('id').where('id', '=', feedId).executeTakeFirst();
  if (!feed) throw new DbNotFoundError('feed', feedId);
  const keys = [...new Set(inputs.map((input) => input.key))];
  const existing = await findExisting(trx, feedId, keys);
  const tombstoned = await findTombstoned(trx, feedId, keys);

  // Keys neither stored nor tombstoned are inserted together (their first occurrence; a repeated
  // key in the same batch then updates the row like any stored one).
  const fresh = new Map<string, { input: ItemInput; columns: InputColumns }>();
  for (const entry of prepared) {
    const { key } = entry.input;
    if (!existing.has(key) && !tombstoned.has(key) && !fresh.has(key)) fresh.set(key, entry);
  }
  const insertedIds = await insertNew(trx, engine, feedId, [...fresh.values()], now);
  for (const { input, columns } of fresh.values()) {
    const id = insertedIds.get(input.key);
    // Skipped by ON CONFLICT: a concurrent writer inserted the key first.
    if (id === undefined) continue;
    written.add(id);
    existing.set(input.key, { id, key: input.key, input_hash: columns.input_hash, first_seen_at: now });
  }
  const unreported = new Set(insertedIds.keys());

  for (const { input, columns } of prepared) {
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
    }
    if (row.input_hash === columns.input_hash) {
      results.push({ key: input.key, id: row.id, status: 'unchanged' });
      continue;
    }
    await trx
      .updateTable('items')
      .set({ ...columns, sort_at: sortAt(columns.published_at, row.first_seen_at) })
      .where('id', '=', row.id)
      .execute();
    written.add(row.id);
    existing.set(row.key, { ...row, input_hash: columns.input_hash });
    results.push({ key: input.key, id: row.id, status: 'updated' });
  }
  // Queued at the real time of the write (`now` may be a poll's recorded time): the lag's start.
  await enqueueForClustering(trx, engine, [...written], Date.now());
  return results;
}
