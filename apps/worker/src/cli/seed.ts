import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '@newsfeed/db';
import { OpmlParseError } from '../deps/parser.js';
import { ConfigError, type WorkerConfig } from '../env.js';
import type { Logger } from '../observe/logger.js';
import { importIncomplete, importOpml, OpmlFileError } from '../subscriptions.js';

/** The package root (apps/worker), where relative WORKER_SEED_OPML paths and the default list live. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Subscribes the seed OPML when the database has no feed yet, so a first start shows news.
 * @throws ConfigError naming WORKER_SEED_OPML when the file cannot be read or is not OPML.
 */
export async function seedIfEmpty(db: Db, config: WorkerConfig, logger: Logger): Promise<void> {
  if (config.WORKER_SEED_OPML === 'none') return;
  if ((await db.stats()).feeds > 0) return;
  const path = isAbsolute(config.WORKER_SEED_OPML)
    ? config.WORKER_SEED_OPML
    : resolve(PACKAGE_ROOT, config.WORKER_SEED_OPML);
  let summary: Awaited<ReturnType<typeof importOpml>>;
  try {
    summary = await importOpml(db, path);
  } catch (error) {
    if (!(error instanceof OpmlFileError || error instanceof OpmlParseError)) throw error;
    throw new ConfigError(
      `WORKER_SEED_OPML=${config.WORKER_SEED_OPML}: ${error.message} (point it at a reading list, or set it to "none")`,
    );
  }
  logger.info(
    { file: path, added: summary.added, refused: summary.refused.length, overLimit: summary.overLimit },
    'seeded subscriptions',
  );
  if (importIncomplete(summary))
    logger.warn(
      { file: path, refused: summary.refused, warnings: summary.warnings.map((warning) => warning.message) },
      'seed list only partly read',
    );
}
