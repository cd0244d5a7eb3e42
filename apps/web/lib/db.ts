import { createDb, type NewsfeedDb } from '@newsfeed/db';
import { webConfig } from './env';

// One database client per server process, shared by every request. It lives on globalThis so that
// Next.js's module duplication (route handlers and pages are bundled separately) still opens one.
// No SQLite checkpoint thread here: the web server writes rarely (admin changes), the worker writes
// the items and its own thread checkpoints them, and inside the Next.js bundle the thread could not
// find the SQLite driver (it would report that and fall back to checkpointing in commits anyway).
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
