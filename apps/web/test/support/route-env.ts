import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresDatabase, type Db, dropPostgresDatabase, type Engine } from '@newsfeed/db';
import { type SeedInfo, seedTestDatabase } from './seed';

// Route handlers read their configuration and database through lib/env and lib/db, as in
// production; a test points them at a freshly seeded SQLite file (or PostgreSQL database) before
// the first call. lib/env reads the environment once per process: one engine per test file.

/** The PostgreSQL server's maintenance database, where a test's own database is created and dropped. */
export const POSTGRES_ADMIN_URL =
  process.env.NEWSFEED_TEST_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

const DB_KEY = Symbol.for('newsfeed.web.db');

/** Whether the PostgreSQL server answers at all; outside CI its tests skip with this reason. */
async function probePostgres(): Promise<string | null> {
  const url = new URL(POSTGRES_ADMIN_URL);
  const reachable = await new Promise<boolean>((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 5432), timeout: 3000 });
    const settle = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.once('connect', () => settle(true));
    socket.once('error', () => settle(false));
    socket.once('timeout', () => settle(false));
  });
  if (reachable || process.env.CI) return null;
  const reason = `PostgreSQL is not reachable at ${url.host} (set NEWSFEED_TEST_POSTGRES_URL)`;
  console.warn(`[@newsfeed/web] SKIPPING the PostgreSQL route tests: ${reason}`);
  return reason;
}

export const POSTGRES_SKIP_REASON = await probePostgres();

export interface RouteEnv {
  seed: SeedInfo;
  cleanup(): Promise<void>;
}

export async function seededRouteEnv(
  env: Record<string, string | undefined>,
  engine: Engine = 'sqlite',
): Promise<RouteEnv> {
  const dir = await mkdtemp(join(tmpdir(), 'newsfeed-web-routes-'));
  const postgresName = engine === 'postgres' ? `nf_web_test_${randomBytes(6).toString('hex')}` : null;
  const databaseUrl = postgresName
    ? await createPostgresDatabase(POSTGRES_ADMIN_URL, postgresName)
    : `file:${join(dir, 'newsfeed.db')}`;
  const seed = await seedTestDatabase(databaseUrl);
  process.env.DATABASE_URL = databaseUrl;
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return {
    seed,
    cleanup: async () => {
      const holder = globalThis as { [DB_KEY]?: Promise<Db> };
      const db = holder[DB_KEY];
      delete holder[DB_KEY];
      await (await db)?.close();
      if (postgresName) await dropPostgresDatabase(POSTGRES_ADMIN_URL, postgresName);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const ORIGIN = 'http://newsfeed.test';

export function get(path: string, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}${path}`, { headers: { host: 'newsfeed.test', ...headers } });
}

export function post(path: string, body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    body,
    headers: { host: 'newsfeed.test', ...headers },
  });
}

export const idParams = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });
