import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, StoryMembersTable } from '../schema/schema.js';
import { inIds, pairList } from '../sql/value-list.js';
import type { Engine } from '../types.js';

// Story membership: one narrow row per clustered item, written by the clusterer only (cluster-store.ts).

/** Joins each item's membership, if any: `story_members.story_id` is its story, or null. */
export const ITEM_MEMBERSHIP_JOIN = sql`LEFT JOIN story_members ON story_members.item_id = items.id`;

/** The member items of stories, `story_members.story_id` naming the story of each `items` row. */
export const STORY_MEMBER_ITEMS = sql`story_members JOIN items ON items.id = story_members.item_id`;

export async function storiesOfFeed(db: Kysely<Database>, feedId: number): Promise<number[]> {
  const { rows } = await sql<{ story_id: number }>`SELECT DISTINCT story_members.story_id
    FROM ${STORY_MEMBER_ITEMS} WHERE items.feed_id = ${feedId}`.execute(db);
  return rows.map((row) => Number(row.story_id));
}

/** Each item's story, for those that have one. */
export async function storyOfEachItem(db: Kysely<Database>, engine: Engine, itemIds: readonly number[]) {
  if (itemIds.length === 0) return new Map<number, number>();
  const { rows } = await sql<Selectable<StoryMembersTable>>`SELECT item_id, story_id FROM story_members
    WHERE item_id ${inIds(engine, itemIds)}`.execute(db);
  return new Map(rows.map((row) => [Number(row.item_id), Number(row.story_id)]));
}

/**
 * Puts each item in its story. An item deleted since the clusterer read it is skipped (PostgreSQL:
 * its row is locked first, so a concurrent delete commits before or waits).
 */
export async function writeMemberships(
  trx: Kysely<Database>,
  engine: Engine,
  moves: readonly { itemId: number; storyId: number }[],
): Promise<void> {
  const pairs = moves.map(({ itemId, storyId }) => [itemId, storyId] as const);
  const lock = engine === 'postgres' ? sql`FOR KEY SHARE OF items` : sql``;
  await sql`INSERT INTO story_members (item_id, story_id)
    SELECT moves.item_id, moves.story_id FROM ${pairList(engine, pairs, 'item_id', 'story_id')}
      JOIN items ON items.id = moves.item_id
    WHERE true ${lock} -- SQLite: an upsert's SELECT needs a WHERE, or ON reads as a join constraint
    ON CONFLICT (item_id) DO UPDATE SET story_id = excluded.story_id
      WHERE story_members.story_id <> excluded.story_id`.execute(trx);
}

export async function moveMembers(trx: Kysely<Database>, from: number, into: number): Promise<void> {
  await trx.updateTable('story_members').set({ story_id: into }).where('story_id', '=', from).execute();
}
