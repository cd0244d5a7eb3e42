// Vitest global setup: one fresh PostgreSQL database for the whole run (each test then gets its own
// schema inside it), dropped at the end. Without a server the PostgreSQL half of the suite is skipped,
// except under CI, where a missing PostgreSQL fails the run.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
    postgresSkipReason: string;
  }
}

/** The server's maintenance database, where the run's database is created and dropped. */
const ADMIN_URL = process.env.NEWSFEED_TEST_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

export default async function setup(project: TestProject) {
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    const reason = `PostgreSQL is not reachable at ${ADMIN_URL.replace(/:[^:@/]*@/, ':***@')} (${(error as Error).message})`;
    if (process.env.CI) throw new Error(`${reason}: CI requires it for the @newsfeed/db suite`);
    console.warn(`\n[@newsfeed/db] SKIPPING the PostgreSQL half of the suite: ${reason}\n`);
    project.provide('postgresUrl', null);
    project.provide('postgresSkipReason', reason);
    return;
  }
  const name = `nf_test_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  // Each test migrates a schema of its own; an extension lives in one schema per database, and dropping
  // the test schema that happened to create it would take every other schema's index on it along.
  const run = new pg.Client({ connectionString: url.toString() });
  await run.connect();
  await run.query('CREATE EXTENSION btree_gin SCHEMA public');
  await run.end();
  project.provide('postgresUrl', url.toString());
  project.provide('postgresSkipReason', '');
  return async () => {
    const dropper = new pg.Client({ connectionString: ADMIN_URL });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  };
}
