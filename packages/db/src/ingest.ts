import type { Kysely } from 'kysely';
import { type AddedItem, type CandidateLookup, DEFAULT_CANDIDATE_LIMIT, storyMembers } from './candidates.js';
import { DbInputError } from './errors.js';
import { allocateIds } from './id-allocation.js';
import { insertRows } from './row-insert.js';
import type { Database, StoriesTable } from './schema.js';
import type { SearchVocabulary } from './search-vocabulary.js';
import { refreshStories, SUMMARY_COLUMNS, storySummary } from './story-summary.js';
import { toIso, toIsoOrNull } from './time.js';
import type {
  CandidateQuery,
  ClusterSubject,
  Engine,
  IngestResult,
  ItemInput,
  StoryAssigner,
  StoryCandidate,
  StoryOutcome,
} from './types.js';
import { upsertInTransaction, type WrittenItem } from './upsert.js';

// One poll's items written and clustered in one transaction: one commit per poll instead of one per
// new item, and every story a poll touched is summarized once, at the end, in id order (two
// PostgreSQL workers updating the same stories then lock them in the same order and never deadlock).
// Items are assigned one after the other, so an item can join a story created for an earlier item of
// the same poll, exactly as with separate upsert and attach calls.

const HOUR_MS = 3_600_000;
/** Rows per multi-row INSERT of new stories: 15 parameters each, far below both engines' limits. */
const STORY_ROWS_PER_INSERT = 200;
/** A new story's columns, its id first. */
const STORY_COLUMNS = ['id', ...SUMMARY_COLUMNS] as const;

/** A new item as the candidate lookup learns of it. */
function addedItem(id: number, written: WrittenItem): AddedItem {
  return {
    id,
    feed_id: written.member.feed_id,
    title: written.member.title,
    content_text: written.contentText,
    simhash: written.simhash,
    published_at: written.publishedAt,
    first_seen_at: written.member.first_seen_at,
  };
}

function subjectOf(id: number, written: WrittenItem): ClusterSubject {
  return {
    id,
    feedId: written.member.feed_id,
    title: written.member.title,
    contentText: written.contentText,
    simhash: written.simhash,
    publishedAt: toIsoOrNull(written.publishedAt),
    firstSeenAt: toIso(written.member.first_seen_at),
  };
}

export async function ingestInTransaction(
  trx: Kysely<Database>,
  engine: Engine,
  feedId: number,
  inputs: ItemInput[],
  assigner: StoryAssigner,
  now: number,
  lookup: CandidateLookup,
  vocabulary?: SearchVocabulary,
): Promise<IngestResult[]> {
  const limit = assigner.candidateLimit ?? DEFAULT_CANDIDATE_LIMIT;
  // Stories whose summary is stale: edited members, joined, or left by a moved item.
  const stale = new Set<number>();
  const assigned = new Map<number, { storyId: number | null; story: StoryOutcome }>();

  const pick = (subject: ClusterSubject, candidates: StoryCandidate[]): number | null => {
    const picked = assigner.pick(subject, candidates);
    if (picked !== null && !candidates.some((candidate) => candidate.storyId === picked)) {
      throw new DbInputError(
        `item ${subject.id}: pick chose story ${picked}, which is none of its candidates`,
      );
    }
    return picked;
  };

  /** What an item's candidates are looked up by: other items first seen within the window before it. */
  const queries = new Map<WrittenItem, CandidateQuery>();
  const candidateQuery = (written: WrittenItem): CandidateQuery => {
    let query = queries.get(written);
    if (!query) {
      query = {
        simhash: written.simhash,
        // The lookup takes the title's words from the title itself (titleTerms).
        titleTerms: [written.member.title],
        since: toIso(written.member.first_seen_at - assigner.windowHours * HOUR_MS),
        limit,
      };
      queries.set(written, query);
    }
    return query;
  };
  const candidatesFor = async (subject: ClusterSubject, written: WrittenItem) => {
    const found = await lookup.find(candidateQuery(written));
    return found.filter((candidate) => candidate.itemId !== subject.id);
  };

  /**
   * New items are clustered before they are written, one after the other (an item can join a story
   * made for an earlier one), so each row is inserted once, in its story; the new stories are
   * inserted first, with the ids their lead items will have.
   */
  const assignNew = async (items: [number, WrittenItem][]): Promise<Map<number, number>> => {
    // Their lookups all at once (one statement per kind of key for the poll), then the lists learn of
    // the items themselves, which are not written yet.
    await lookup.prefetch(items.map(([, item]) => candidateQuery(item)));
    for (const [id, item] of items) lookup.added(addedItem(id, item), candidateQuery(item));
    const storyIds = await allocateIds(trx, engine, 'stories', items.length);
    const created: Omit<StoriesTable, 'id'>[] = [];
    const stories = new Map<number, number>();
    for (const [id, item] of items) {
      const subject = subjectOf(id, item);
      const target = pick(subject, await candidatesFor(subject, item));
      const storyId = target ?? storyIds[created.length]!;
      if (target === null) created.push(storySummary([item.member]));
      else stale.add(target);
      lookup.movedTo(id, storyId);
      stories.set(id, storyId);
      assigned.set(id, { storyId, story: target === null ? 'created' : 'joined' });
    }
    await insertRows(
      trx,
      engine,
      'stories',
      STORY_COLUMNS,
      created.map((summary, index) => [storyIds[index], ...SUMMARY_COLUMNS.map((column) => summary[column])]),
      { rowsPerStatement: STORY_ROWS_PER_INSERT },
    );
    return stories;
  };

  const upserted = await upsertInTransaction(trx, engine, feedId, inputs, now, vocabulary, assignNew);
  for (const id of assigned.keys()) {
    // Not inserted after all (a concurrent writer's row won): what the lookup was told is wrong.
    if (!upserted.written.has(id)) {
      assigned.delete(id);
      lookup.forget();
    }
  }
  // An edit rewrites title words the lookup cannot follow.
  if ([...upserted.written.values()].some((item) => item.previous !== null)) lookup.forget();
  for (const storyId of upserted.storiesToRefresh) stale.add(storyId);

  /** Puts the item in `target` (null: a story of its own); returns the story's id. */
  const moveTo = async (id: number, written: WrittenItem, target: number | null): Promise<number> => {
    let storyId = target;
    if (storyId === null) {
      // Its only member is this item: the summary is known without reading anything back.
      const created = await trx
        .insertInto('stories')
        .values(storySummary([written.member]))
        .returning('id')
        .executeTakeFirstOrThrow();
      storyId = created.id;
    } else {
      stale.add(storyId);
    }
    await trx.updateTable('items').set({ story_id: storyId }).where('id', '=', id).execute();
    lookup.movedTo(id, storyId);
    if (written.storyId !== null) stale.add(written.storyId);
    return storyId;
  };

  for (const [id, written] of upserted.written) {
    if (assigned.has(id)) continue; // new: placed before it was written
    const subject = subjectOf(id, written);
    if (written.storyId === null) {
      // New, or stored without a story (e.g. clustering failed before): assign it now.
      const target = pick(subject, await candidatesFor(subject, written));
      const storyId = await moveTo(id, written, target);
      assigned.set(id, { storyId, story: target === null ? 'created' : 'joined' });
      continue;
    }
    const current = written.storyId;
    const after = { title: written.member.title, simhash: written.simhash };
    if (!written.previous || !assigner.changedMaterially?.(written.previous, after)) {
      assigned.set(id, { storyId: current, story: 'unchanged' });
      continue;
    }
    // A material edit: it stays if it still matches one of its story's other members.
    const members = await storyMembers(trx, current, id, limit);
    if (members.length > 0 && pick(subject, members) !== null) {
      assigned.set(id, { storyId: current, story: 'kept' });
      continue;
    }
    const others = (await candidatesFor(subject, written)).filter(
      (candidate) => candidate.storyId !== current,
    );
    const target = pick(subject, others);
    if (target === null && members.length === 0) {
      // Alone in its story and like no other: its story stays (summary refreshed for the edit).
      assigned.set(id, { storyId: current, story: 'kept' });
      continue;
    }
    assigned.set(id, { storyId: await moveTo(id, written, target), story: 'moved' });
  }

  await refreshStories(trx, engine, stale);
  return upserted.results.map((result) => {
    if (result.id === null) return { ...result, storyId: null, story: null };
    const story = assigned.get(result.id);
    if (story) return { ...result, ...story };
    return { ...result, storyId: upserted.storyOf.get(result.id) ?? null, story: 'unchanged' };
  });
}
