import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type NewsfeedDb } from '../src/create-db.js';
import { DbBusyError } from '../src/errors.js';
import { toDbError } from '../src/sql/error-mapping.js';
import { sampleItem } from './helpers/test-db.js';

// Another connection (as another process would) holds SQLite's write lock while this Db writes.

/** Ticks of this process's own timer seen while the write waits: proof that the event loop runs. */
const TICKS_WHILE_WAITING = 5;

describe('SQLite lock errors', () => {
  it('are DbBusyError with their extended codes too', () => {
    for (const code of [
      'SQLITE_BUSY',
      'SQLITE_BUSY_RECOVERY',
      'SQLITE_BUSY_SNAPSHOT',
      'SQLITE_LOCKED_SHAREDCACHE',
    ]) {
      const error = toDbError(Object.assign(new Error('database is locked'), { code }), 'items.ingest');
      expect(error, code).toBeInstanceOf(DbBusyError);
    }
    expect(toDbError(Object.assign(new Error('x'), { code: 'SQLITE_BUSYNESS' }), 'x')).not.toBeInstanceOf(
      DbBusyError,
    );
  });
});

describe('SQLite writes while another connection holds the write lock', () => {
  let dir: string;
  let path: string;
  let db: NewsfeedDb;
  let other: BetterSqlite3.Database;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nf-db-busy-'));
    path = join(dir, 'busy.db');
    db = await createDb(`file:${path}`, { busyTimeoutMs: 120_000 });
    other = new BetterSqlite3(path);
  });
  afterEach(async () => {
    other.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a write transaction and an autocommit write wait for the lock, and the event loop keeps running meanwhile', async () => {
    const feed = await db.feeds.add({ url: 'https://busy.example/feed' });
    other.exec('BEGIN IMMEDIATE');
    let settled = false;
    const writes = Promise.all([
      db.items.ingest(feed.id, [sampleItem('a')]),
      db.feeds.finishPoll(feed.id, 'nobody', { lastSuccessAt: new Date().toISOString() }),
    ]).finally(() => {
      settled = true;
    });
    // SQLite's own busy handler would sleep inside the call: no timer would fire until it gave up.
    for (let tick = 0; tick < TICKS_WHILE_WAITING; tick += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(settled).toBe(false);
    other.exec('COMMIT');
    const [ingested] = await writes;
    expect(ingested.map((result) => result.status)).toEqual(['new']);
    expect((await db.stats()).items).toBe(1);
  });

  it('gives up with DbBusyError once busyTimeoutMs has passed, and writes once the lock is free', async () => {
    const impatient = await createDb(`file:${path}`, { busyTimeoutMs: 200 });
    try {
      other.exec('BEGIN IMMEDIATE');
      const error = await impatient.feeds.add({ url: 'https://busy.example/late' }).catch((e) => e);
      other.exec('ROLLBACK');
      expect(error).toBeInstanceOf(DbBusyError);
      expect(error.message).toMatch(/database is locked/);
      expect((await impatient.feeds.add({ url: 'https://busy.example/late' })).id).toBeGreaterThan(0);
    } finally {
      await impatient.close();
    }
  });
});
