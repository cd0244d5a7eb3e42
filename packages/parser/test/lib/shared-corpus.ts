import { existsSync } from 'node:fs';
import path from 'node:path';

/** The shared corpora directory (../shared/corpora from the repo root), or null when absent. */
export function sharedCorpus(...parts: string[]): string | null {
  const repoRoot = path.resolve(import.meta.dirname, '../../../..');
  const shared = process.env.NEWSFEED_SHARED_DIR ?? path.resolve(repoRoot, '../shared');
  const dir = path.join(shared, 'corpora', ...parts);
  return existsSync(dir) ? dir : null;
}
