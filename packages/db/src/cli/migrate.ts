#!/usr/bin/env node
// `pnpm --filter @newsfeed/db migrate`: applies pending migrations to DATABASE_URL and exits.
// A relative SQLite path is resolved against the directory pnpm was started from (INIT_CWD).
import { createDb } from '../create-db.js';

async function main(): Promise<void> {
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const db = await createDb(process.env.DATABASE_URL, { cwd, migrate: false });
  try {
    const result = await db.migrate();
    const applied = result.applied.length === 0 ? 'nothing to apply' : `applied ${result.applied.join(', ')}`;
    process.stdout.write(`newsfeed-db: ${db.engine} schema at version ${result.version} (${applied})\n`);
  } finally {
    await db.close();
  }
}

main().catch((error: Error & { code?: string }) => {
  process.stderr.write(`newsfeed-db: migration failed [${error.code ?? 'ERROR'}]: ${error.message}\n`);
  process.exitCode = 1;
});
