import type { WorkerConfig } from '../env.js';
import { importIncomplete, importOpml } from '../subscriptions.js';
import type { CommandIo } from './io.js';
import { withDb } from './open-db.js';
import { Progress } from './progress.js';

/** Exit status of an import that subscribed what it could but skipped or repaired part of the list. */
export const EXIT_IMPORT_INCOMPLETE = 1;

/**
 * `import FILE.opml`: subscribes to every feed of an OPML file. A list that had to be repaired, or
 * held addresses that may not be subscribed, is reported line by line and exits 1: nothing is
 * dropped quietly.
 */
export async function importFile(path: string, config: WorkerConfig, io: CommandIo): Promise<number> {
  return withDb(config, async (db) => {
    const progress = new Progress('importing');
    const summary = await importOpml(db, path, (done, total) => progress.update(done, total));
    progress.finish(
      `${summary.added} added, ${summary.existing} already subscribed, ${summary.refused.length} refused${summary.overLimit ? `, ${summary.overLimit} over the limit` : ''}${summary.warnings.length ? `, ${summary.warnings.length} repairs or warnings` : ''}`,
    );
    for (const refused of summary.refused) io.err(`refused: ${refused.xmlUrl}: ${refused.reason}`);
    for (const warning of summary.warnings) io.err(`warning: ${path}: ${warning.message}`);
    if (summary.overLimit > 0)
      io.err(`warning: ${summary.overLimit} subscriptions over the limit were not imported`);
    if (!importIncomplete(summary)) return 0;
    io.err(`${path} was only partly read: check the lines above, fix the file and import it again`);
    return EXIT_IMPORT_INCOMPLETE;
  });
}
