import { type Kysely, sql } from 'kysely';
import type { Database, ItemsTable, StoriesTable } from '../schema/schema.js';
import { batches } from '../sql/batches.js';
import { inIds } from '../sql/value-list.js';
import type { Engine } from '../types.js';
import { storyScore } from './score.js';
import { countStoryChange } from './story-changes.js';
import { STORY_MEMBER_ITEMS } from './story-members.js';

// A story's summary columns (title, lead item, counts, score…) live on its row, so the front page
// reads one indexed table; recomputed in the caller's transaction when its members change.

/** The columns of its member items a story's summary is computed from. */
const MEMBER_COLUMNS = [
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

type MemberRow = Pick<ItemsTable, Exclude<(typeof MEMBER_COLUMNS)[number], 'id'>> & { id: number };

/** The lead: the earliest published (who broke the story), then the longest text, then the oldest row. */
function chooseLead(members: MemberRow[]): MemberRow {
  return members.reduce((best, member) => {
    if (member.sort_at !== best.sort_at) return member.sort_at < best.sort_at ? member : best;
    if (member.word_count !== best.word_count) return member.word_count > best.word_count ? member : best;
    return member.id < best.id ? member : best;
  });
}

/**
 * A story's summary columns computed from its members. `leadId`: the member the clusterer found most
 * central; when it is not a member any more, the earliest report leads.
 */
function storySummary(members: [MemberRow, ...MemberRow[]], leadId: number | null): Omit<StoriesTable, 'id'> {
  const lead = members.find((member) => member.id === leadId) ?? chooseLead(members);
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
    first_seen_at: members.reduce((min, member) => Math.min(min, member.first_seen_at), Infinity),
    updated_at: members.reduce((max, member) => Math.max(max, member.first_seen_at), 0),
    published_at: lead.sort_at,
    score: storyScore(lead.sort_at, sourceCount),
  };
}

/** Stories whose members are read in one statement (bound as one parameter, see value-list.ts). */
const STORIES_PER_READ = 500;

type SummaryRow = Omit<StoriesTable, 'id'> & { id: number };

/** Writes many stories' summaries in one statement (the rows as one JSON parameter). */
async function writeSummaries(trx: Kysely<Database>, engine: Engine, rows: SummaryRow[]): Promise<void> {
  const [first] = rows;
  if (first === undefined) return;
  const json = JSON.stringify(rows);
  const columns = Object.keys(first).filter((column) => column !== 'id');
  if (engine === 'sqlite') {
    const sets = columns.map((column) => sql`${sql.ref(column)} = s.value ->> ${`$.${column}`}`);
    await sql`UPDATE stories SET ${sql.join(sets)}
      FROM json_each(${json}) AS s WHERE stories.id = s.value ->> '$.id'`.execute(trx);
    return;
  }
  // Each column read from JSON in the stories table's own type.
  const sets = columns.map((column) => sql`${sql.ref(column)} = s.${sql.ref(column)}`);
  await sql`UPDATE stories SET ${sql.join(sets)}
    FROM jsonb_populate_recordset(NULL::stories, ${json}::jsonb) AS s WHERE stories.id = s.id`.execute(trx);
}

/** The members of several stories, by story, in one statement per STORIES_PER_READ stories. */
async function membersOf(trx: Kysely<Database>, engine: Engine, storyIds: number[]) {
  const members = new Map<number, MemberRow[]>();
  const columns = sql.join(MEMBER_COLUMNS.map((column) => sql.ref(`items.${column}`)));
  for (const ids of batches(storyIds, STORIES_PER_READ)) {
    const { rows } = await sql<MemberRow & { story_id: number }>`SELECT story_members.story_id, ${columns}
      FROM ${STORY_MEMBER_ITEMS} WHERE story_members.story_id ${inIds(engine, ids)}`.execute(trx);
    for (const row of rows) {
      const storyId = Number(row.story_id);
      const list = members.get(storyId);
      if (list) list.push(row);
      else members.set(storyId, [row]);
    }
  }
  return members;
}

/**
 * The lead each story has now, to keep it when a refresh is not told of a new one. PostgreSQL locks
 * the rows in id order, before the members are read: of two refreshes of one story (the clusterer's,
 * retention's) the last to commit counts every committed member.
 */
async function lockCurrentLeads(trx: Kysely<Database>, engine: Engine, storyIds: number[]) {
  const lock = engine === 'postgres' ? sql`ORDER BY id FOR NO KEY UPDATE` : sql``;
  const leads = new Map<number, number>();
  for (const ids of batches(storyIds, STORIES_PER_READ)) {
    const { rows } = await sql<{ id: number; lead_item_id: number }>`SELECT id, lead_item_id FROM stories
      WHERE id ${inIds(engine, ids)} ${lock}`.execute(trx);
    for (const row of rows) leads.set(Number(row.id), Number(row.lead_item_id));
  }
  return leads;
}

/**
 * Recomputes stories from their members, in id order (concurrent refreshes cannot deadlock), deleting
 * those left with none; how many went. `leads`: the clusterer's lead per story (others keep theirs).
 */
export async function refreshStories(
  trx: Kysely<Database>,
  engine: Engine,
  storyIds: Iterable<number>,
  leads: ReadonlyMap<number, number | null> = new Map(),
): Promise<number> {
  const ids = [...new Set(storyIds)].sort((a, b) => a - b);
  if (ids.length === 0) return 0;
  const stored = await lockCurrentLeads(trx, engine, ids);
  const members = await membersOf(trx, engine, ids);
  const empty = ids.filter((id) => !members.has(id));
  const summaries: SummaryRow[] = [];
  for (const id of ids) {
    const [first, ...rest] = members.get(id) ?? [];
    if (first === undefined) continue;
    summaries.push({ id, ...storySummary([first, ...rest], leads.get(id) ?? stored.get(id) ?? null) });
  }
  for (const batch of batches(summaries, STORIES_PER_READ)) await writeSummaries(trx, engine, batch);
  if (empty.length > 0) await sql`DELETE FROM stories WHERE id ${inIds(engine, empty)}`.execute(trx);
  await countStoryChange(trx);
  return empty.length;
}
