import type { Kysely } from 'kysely';
import type { Database, StoriesTable } from './schema.js';
import { storyScore } from './score.js';

// A story's summary columns (title, lead item, counts, score…) are denormalized onto its row so the
// front page reads one indexed table. They are recomputed here, inside the caller's transaction,
// whenever the story's membership or one of its items changes.

export interface MemberRow {
  id: number;
  feed_id: number;
  title: string;
  summary: string | null;
  image_url: string | null;
  wire: string | null;
  language: string | null;
  url: string | null;
  canonical_url: string | null;
  sort_at: number;
  first_seen_at: number;
  word_count: number;
}

/**
 * The representative item: the earliest published (the outlet that broke the story, or the wire
 * original), then the longest text, then the oldest row.
 */
function chooseLead(members: MemberRow[]): MemberRow {
  return members.reduce((best, member) => {
    if (member.sort_at !== best.sort_at) return member.sort_at < best.sort_at ? member : best;
    if (member.word_count !== best.word_count) return member.word_count > best.word_count ? member : best;
    return member.id < best.id ? member : best;
  });
}

/** The columns every caller reads to summarize a story from its member items. */
export const MEMBER_COLUMNS = [
  'id',
  'feed_id',
  'title',
  'summary',
  'image_url',
  'wire',
  'language',
  'url',
  'canonical_url',
  'sort_at',
  'first_seen_at',
  'word_count',
] as const;

/** A story's summary columns computed from its (non-empty) list of member items. */
export function storySummary(members: [MemberRow, ...MemberRow[]]): Omit<StoriesTable, 'id'> {
  const lead = chooseLead(members);
  const sourceCount = new Set(members.map((member) => member.feed_id)).size;
  return {
    title: lead.title,
    summary: lead.summary ?? members.find((member) => member.summary)?.summary ?? null,
    image_url: lead.image_url ?? members.find((member) => member.image_url)?.image_url ?? null,
    wire: lead.wire ?? members.find((member) => member.wire)?.wire ?? null,
    language: lead.language,
    lead_item_id: lead.id,
    lead_url: lead.canonical_url ?? lead.url,
    lead_feed_id: lead.feed_id,
    item_count: members.length,
    source_count: sourceCount,
    first_seen_at: members.reduce(
      (min, member) => Math.min(min, member.first_seen_at),
      Number.POSITIVE_INFINITY,
    ),
    updated_at: members.reduce((max, member) => Math.max(max, member.first_seen_at), 0),
    published_at: lead.sort_at,
    score: storyScore(lead.sort_at, sourceCount),
  };
}

/** Recomputes one story from its items; deletes it when it has none left. Returns false if it was deleted. */
export async function refreshStory(trx: Kysely<Database>, storyId: number): Promise<boolean> {
  // Lock the story's row first (a no-op write: PostgreSQL's FOR NO KEY UPDATE lock, on both engines):
  // a concurrent transaction that changed its members and is refreshing it too commits before the
  // members are read below, so the last refresh to commit always counts every committed member. On
  // SQLite, where writers are serialized anyway, it is one cheap statement.
  await trx
    .updateTable('stories')
    .set((eb) => ({ item_count: eb.ref('item_count') }))
    .where('id', '=', storyId)
    .execute();
  const members = await trx
    .selectFrom('items')
    .select(MEMBER_COLUMNS)
    .where('story_id', '=', storyId)
    .execute();
  const [first, ...rest] = members;
  if (first === undefined) {
    await trx.deleteFrom('stories').where('id', '=', storyId).execute();
    return false;
  }
  await trx
    .updateTable('stories')
    .set(storySummary([first, ...rest]))
    .where('id', '=', storyId)
    .execute();
  return true;
}

/**
 * Refreshes several stories, in ascending id order: concurrent PostgreSQL transactions then lock
 * shared stories in the same order and cannot deadlock. Returns how many were deleted for being empty.
 */
export async function refreshStories(trx: Kysely<Database>, storyIds: Iterable<number>): Promise<number> {
  let deleted = 0;
  for (const storyId of [...new Set(storyIds)].sort((a, b) => a - b)) {
    if (!(await refreshStory(trx, storyId))) deleted += 1;
  }
  return deleted;
}
