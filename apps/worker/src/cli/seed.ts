import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '@newsfeed/db';
import type { WorkerConfig } from '../env.js';
import type { Logger } from '../observe/logger.js';
import { importOpml } from '../subscriptions.js';

/** The package root (apps/worker), where relative WORKER_SEED_OPML paths and the default list live. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Subscribes the seed OPML when the database has no feed yet, so a first start shows news. */
export async function seedIfEmpty(db: Db, config: WorkerConfig, logger: Logger): Promise<void> {
  if (config.WORKER_SEED_OPML === 'none') return;
  if ((await db.stats()).feeds > 0) return;
  const path = isAbsolute(config.WORKER_SEED_OPML)
    ? config.WORKER_SEED_OPML
    : resolve(PACKAGE_ROOT, config.WORKER_SEED_OPML);
  const summary = await importOpml(db, path);
  logger.info({ file: path, added: summary.added, invalid: summary.invalid.length }, 'seeded subscriptions');
}
