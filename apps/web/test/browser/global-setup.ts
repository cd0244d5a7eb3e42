import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startBuiltApp, WEB_DIR } from '../support/next-server';
import { seedTestDatabase } from '../support/seed';

// One seeded database and one `next start` for every browser test file.

export const ADMIN_TOKEN = 'browser-test-admin-token-0123456789';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    adminToken: string;
    seed: Awaited<ReturnType<typeof seedTestDatabase>>;
  }
}

export default async function setup(project: TestProject) {
  const dir = join(WEB_DIR, 'test-output', 'browser-db');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const databaseUrl = `file:${join(dir, 'newsfeed.db')}`;
  const seed = await seedTestDatabase(databaseUrl);
  const app = await startBuiltApp({ DATABASE_URL: databaseUrl, ADMIN_TOKEN, WEB_PAGE_SIZE: '20' });
  project.provide('baseUrl', app.url);
  project.provide('adminToken', ADMIN_TOKEN);
  project.provide('seed', seed);
  return async () => {
    await app.stop();
  };
}
