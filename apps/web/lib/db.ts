import { createDb, type NewsfeedDb } from '@newsfeed/db';
import { webConfig } from './env';

// One database client per server process, on globalThis so that Next.js's separately bundled routes
// and pages still share it. No SQLite checkpoint thread: the web writes rarely, the worker's thread
// checkpoints, and inside the Next.js bundle the thread could not find the driver.
const KEY = Symbol.for('newsfeed.web.db');
type Holder = { [KEY]?: Promise<NewsfeedDb> };

export function getDb(): Promise<NewsfeedDb> {
  const holder = globalThis as Holder;
  holder[KEY] ??= Promise.resolve(createDb(webConfig().DATABASE_URL, { checkpointIntervalMs: 0 })).catch(
    (error: unknown) => {
      // A failed open is retried on the next request rather than cached forever.
      delete holder[KEY];
      throw error;
    },
  );
  return holder[KEY];
}
