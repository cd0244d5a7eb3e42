import { readFile } from 'node:fs/promises';
import type { Db } from '@newsfeed/db';
import { type RefusedSubscription, readOpmlSubscriptions, type SubscriptionList } from './deps/parser.js';

// The worker's side of subscribing: reading an OPML file from disk. The rules (which addresses,
// what a list holds, dedupe) are @newsfeed/parser's subscribableUrl and readOpmlSubscriptions and
// @newsfeed/db's `subscriptions`, which the web admin calls too.

export class OpmlFileError extends Error {
  readonly code = 'OPML_FILE_UNREADABLE';
  readonly path: string;
  constructor(path: string, reason: string, options?: { cause?: unknown }) {
    super(`Cannot read the OPML file ${path}: ${reason}`, options);
    this.name = 'OpmlFileError';
    this.path = path;
  }
}

export interface ImportSummary {
  added: number;
  existing: number;
  refused: RefusedSubscription[];
  warnings: SubscriptionList['warnings'];
  overLimit: number;
}

/** Whether an import lost or repaired anything the person should hear about. */
export function importIncomplete(summary: ImportSummary): boolean {
  return summary.refused.length > 0 || summary.warnings.length > 0 || summary.overLimit > 0;
}

/** Subscribes every feed of an OPML file, folders kept; `onProgress` after each subscription. */
export async function importOpml(
  db: Pick<Db, 'subscriptions'>,
  path: string,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportSummary> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new OpmlFileError(path, code === 'ENOENT' ? 'no such file' : (cause as Error).message, { cause });
  }
  const list = readOpmlSubscriptions(text);
  const total = list.subscriptions.length;
  const { added, existing } = await db.subscriptions.subscribeAll(list.subscriptions, (done) =>
    onProgress?.(done, total),
  );
  return { added, existing, refused: list.refused, warnings: list.warnings, overLimit: list.overLimit };
}
