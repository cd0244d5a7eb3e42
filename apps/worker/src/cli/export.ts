import type { WorkerConfig } from '../env.js';
import { exportOpml } from './export-opml.js';
import type { CommandIo } from './io.js';
import { withDb } from './open-db.js';

/** `export`: every subscription as OPML on stdout. */
export async function exportFeeds(config: WorkerConfig, io: CommandIo): Promise<number> {
  return withDb(config, async (db) => {
    io.out(await exportOpml(db));
    return 0;
  });
}
