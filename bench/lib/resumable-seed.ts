import type { Db } from '@newsfeed/db';
import { clusterEverything } from './clustering-stage.js';
import { ingestPolls, type SyntheticCorpus } from './synthetic-corpus.js';

// Seeding a million items takes from a quarter of an hour on a quiet machine to hours on a busy
// one, so a seeding that was stopped continues where it stopped instead of starting over. The
// corpus is deterministic and polls are committed whole and in order (pollsInFlight calls whose
// groups SQLite commits in the order they were made), so the items already in the database are
// exactly the first polls of the corpus: replaying the generator past them and ingesting the rest
// gives the same database as one uninterrupted run. The worker's clustering stage then places
// whatever is queued (also what an interrupted run left queued).

type SeedDb = Db;

export interface ResumableSeedOptions {
  /** Polls ingested at once (see IngestOptions.pollsInFlight). */
  pollsInFlight?: number;
  /** Items in the database so far, after each transaction, and how many were there before this run. */
  onProgress?: (items: number, resumedFrom: number) => void;
}

/** Fills `db` (opened from `url`) with `corpus`, continuing from the items already in it; returns how many were there. */
export async function seedOrResume(
  db: SeedDb,
  url: string,
  corpus: SyntheticCorpus,
  options: ResumableSeedOptions,
): Promise<{ resumedFrom: number }> {
  const existing = (await db.stats()).items;
  const feedIds: number[] = [];
  for (const feed of corpus.feeds())
    feedIds.push(((await db.feeds.getByUrl(feed.url)) ?? (await db.feeds.add(feed))).id);
  const polls = corpus.polls(existing);
  await ingestPolls(db, feedIds, polls, {
    items: corpus.options.items - existing,
    ...(options.pollsInFlight === undefined ? {} : { pollsInFlight: options.pollsInFlight }),
    onProgress: (done) => options.onProgress?.(existing + done, existing),
  });
  await clusterEverything(db, url);
  return { resumedFrom: existing };
}
