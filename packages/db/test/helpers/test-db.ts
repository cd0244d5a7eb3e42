import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, inject } from 'vitest';
import { type CreateDbOptions, createDb, type NewsfeedDb } from '../../src/create-db.js';
import type { Engine, ItemInput } from '../../src/types.js';

export interface TestEngine {
  engine: Engine;
  /** Why this engine's tests are skipped, or null when they run. */
  skipReason: string | null;
}

const postgresUrl = inject('postgresUrl');

/** Every suite runs once per engine: `describe.each(ENGINES)`. */
export const ENGINES: TestEngine[] = [
  { engine: 'sqlite', skipReason: null },
  { engine: 'postgres', skipReason: postgresUrl ? null : inject('postgresSkipReason') },
];

export interface TestDatabase {
  /** A DATABASE_URL for this test's own empty database (SQLite file / PostgreSQL schema). */
  url: string;
  dispose(): Promise<void>;
}

/**
 * An empty database of its own: a temp SQLite file, or a fresh schema in the run's PostgreSQL
 * database; with `ownPostgresDatabase` a PostgreSQL database of its own, without the run's extensions.
 */
export async function freshDatabase(
  engine: Engine,
  { ownPostgresDatabase = false } = {},
): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'nf-db-test-'));
    return {
      url: `file:${join(dir, 'test.db')}`,
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!postgresUrl) throw new Error('PostgreSQL is not available');
  if (ownPostgresDatabase) return postgresDatabase(postgresUrl);
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    dispose: async () => {
      const dropper = new pg.Client({ connectionString: postgresUrl });
      await dropper.connect();
      await dropper.query(`DROP SCHEMA ${schema} CASCADE`);
      await dropper.end();
    },
  };
}

/** A PostgreSQL database beside the run's, named after it. */
async function postgresDatabase(runUrl: string): Promise<TestDatabase> {
  const url = new URL(runUrl);
  const name = `${url.pathname.slice(1)}_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: runUrl });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  url.pathname = `/${name}`;
  return { url: url.toString(), dispose: () => admin(`DROP DATABASE ${name} WITH (FORCE)`) };
}

/** Opens a migrated Db on a fresh database; `dispose` closes it and deletes the database. */
export async function openTestDb(
  engine: Engine,
  options?: CreateDbOptions,
): Promise<{ db: NewsfeedDb; url: string; dispose(): Promise<void> }> {
  const database = await freshDatabase(engine);
  const db = await createDb(database.url, { poolSize: 4, ...options });
  return {
    db,
    url: database.url,
    dispose: async () => {
      await db.close();
      await database.dispose();
    },
  };
}

/** The keys of the items a search finds, sorted (sampleItem's URLs end with the item's key). */
export async function searchKeys(db: NewsfeedDb, query: string): Promise<(string | undefined)[]> {
  const { items } = await db.search.query({ query, limit: 100 });
  return items.map((hit) => hit.url?.split('/').pop()).sort();
}

/** A complete item with sensible defaults; tests override what they look at. */
export function sampleItem(key: string, overrides: Partial<ItemInput> = {}): ItemInput {
  return {
    key,
    guid: key,
    url: `https://news.example/${key}`,
    canonicalUrl: null,
    title: `Item ${key}`,
    summary: `Summary of ${key}`,
    contentHtml: `<p>Text of ${key}</p>`,
    contentText: `Text of ${key}`,
    authors: [{ name: 'A. Writer' }],
    categories: ['world'],
    enclosures: [],
    publishedAt: '2026-01-05T10:00:00.000Z',
    updatedAt: null,
    language: 'en',
    imageUrl: null,
    commentsUrl: null,
    wire: null,
    wordCount: 3,
    contentHash: null,
    simhash: null,
    ...overrides,
  };
}

let feedCounter = 0;
/** A feed URL nobody else in the run uses. */
export function uniqueFeedUrl(host = 'feeds.example'): string {
  feedCounter += 1;
  return `https://${host}/feed-${feedCounter}-${randomBytes(3).toString('hex')}.xml`;
}

/**
 * Gives each test of the enclosing describe its own migrated database on `testEngine` (skipped with the
 * engine's reason when it is unavailable). Read the Db through the returned object's `db`.
 */
export function useTestDb(testEngine: TestEngine, options?: CreateDbOptions): { readonly db: NewsfeedDb } {
  let opened: Awaited<ReturnType<typeof openTestDb>> | undefined;
  beforeEach(async (context) => {
    if (testEngine.skipReason) context.skip(testEngine.skipReason);
    opened = await openTestDb(testEngine.engine, options);
  });
  afterEach(async () => {
    await opened?.dispose();
    opened = undefined;
  });
  return {
    get db() {
      if (!opened) throw new Error('the test database is open only inside a test');
      return opened.db;
    },
  };
}
