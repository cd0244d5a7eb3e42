import { randomBytes } from 'node:crypto';
import pg from 'pg';

const ADMIN_URL = process.env.NEWSFEED_TEST_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A new, empty PostgreSQL database for one test file, or the reason there is none. Under CI a
 * missing server is an error, not a skip.
 */
export async function freshPostgresDatabase(): Promise<FreshDatabase | string> {
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    const reason = `PostgreSQL is not reachable at ${ADMIN_URL.replace(/:[^:@/]*@/, ':***@')} (${(error as Error).message})`;
    if (process.env.CI) throw new Error(`${reason}: CI requires it for the multi-worker test`);
    return reason;
  }
  const name = `nf_worker_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: ADMIN_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
