import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createDb, type NewsfeedDb } from '@newsfeed/db';
import { WEB_DIR } from './next-server';

/** A new, empty SQLite database under test-output/NAME, for a test that starts a server of its own. */
export async function ownDatabase(name: string): Promise<{ db: NewsfeedDb; url: string }> {
  const dir = join(WEB_DIR, 'test-output', name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const url = `file:${join(dir, 'newsfeed.db')}`;
  return { db: await createDb(url), url };
}
