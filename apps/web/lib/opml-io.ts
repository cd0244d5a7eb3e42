import type { Db } from '@newsfeed/db';
import { readOpmlSubscriptions, type SubscriptionList, subscriptionsOpml } from '@newsfeed/parser';

// OPML in and out of the admin by the same rules as the worker's `import` and `export`
// (@newsfeed/parser's readOpmlSubscriptions and subscriptionsOpml, @newsfeed/db's subscriptions).

/** An uploaded reading list larger than this is refused before parsing. */
export const MAX_OPML_BYTES = 2 * 1024 * 1024;

/** Every subscription as OPML 2.0, folders as nested outlines. */
export async function exportOpml(db: Pick<Db, 'subscriptions'>, title: string): Promise<string> {
  return subscriptionsOpml(title, await db.subscriptions.all());
}

export interface ImportSummary {
  added: number;
  existing: number;
  refused: SubscriptionList['refused'];
  warnings: SubscriptionList['warnings'];
  overLimit: number;
}

/** Subscribes to every feed of the list that is not subscribed yet; throws OpmlParseError for a bad file. */
export async function importOpml(db: Pick<Db, 'subscriptions'>, text: string): Promise<ImportSummary> {
  const list = readOpmlSubscriptions(text);
  const { added, existing } = await db.subscriptions.subscribeAll(list.subscriptions);
  return { added, existing, refused: list.refused, warnings: list.warnings, overLimit: list.overLimit };
}

/** Whether part of the list was refused, repaired or left out: the admin then shows an error, not a notice. */
export function importIncomplete(summary: ImportSummary): boolean {
  return summary.refused.length > 0 || summary.warnings.length > 0 || summary.overLimit > 0;
}

export function describeImport(summary: ImportSummary): string {
  const parts = [`Imported ${summary.added} new ${summary.added === 1 ? 'source' : 'sources'}`];
  if (summary.existing > 0) parts.push(`${summary.existing} already subscribed`);
  if (summary.refused.length > 0)
    parts.push(
      `${summary.refused.length} refused (${summary.refused
        .slice(0, 3)
        .map((refused) => `${refused.xmlUrl}: ${refused.reason}`)
        .join('; ')})`,
    );
  if (summary.overLimit > 0) parts.push(`${summary.overLimit} over the limit not imported`);
  if (summary.warnings.length > 0)
    parts.push(
      `the file was damaged and only partly read (${summary.warnings
        .slice(0, 3)
        .map((warning) => warning.message)
        .join('; ')}): check that every feed is listed`,
    );
  return `${parts.join('; ')}.`;
}
