import type { WorkerConfig } from '../env.js';
import { importOpml } from '../subscriptions.js';
import type { CommandIo } from './io.js';
import { withDb } from './open-db.js';
import { Progress } from './progress.js';

/** `import FILE.opml`: subscribes to every feed of an OPML file. */
export async function importFile(path: string, config: WorkerConfig, io: CommandIo): Promise<number> {
  return withDb(config, async (db) => {
    const progress = new Progress('importing');
    const summary = await importOpml(db, path, (done, total) => progress.update(done, total));
    progress.finish(
      `${summary.added} added, ${summary.existing} already subscribed, ${summary.invalid.length} invalid`,
    );
    for (const url of summary.invalid) io.out(`invalid feed URL skipped: ${url}`);
    return 0;
  });
}
